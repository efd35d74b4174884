// First step of `npm run test:e2e`: the end-to-end tests drive Debian's Chromium through
// playwright-core (which downloads no browser of its own). Plain Node, no dependencies.
//
//   /usr/bin/chromium present            -> nothing to do
//   missing, root on Debian/Ubuntu       -> apt-get update && apt-get install -y chromium
//   missing otherwise                    -> a message saying how to install it, exit 1
//
// CHROMIUM_PATH names another binary (e.g. a local Chrome) and skips the install.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const wanted = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function executable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function fail(message) {
  process.stderr.write(`\n[ensure-chromium] ${message}\n\n`);
  process.exit(1);
}

if (executable(wanted)) process.exit(0);
if (process.env.CHROMIUM_PATH) fail(`CHROMIUM_PATH=${wanted} is not an executable file.`);

const isDebian = fs.existsSync('/etc/debian_version') && executable('/usr/bin/apt-get');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isDebian || !isRoot) {
  fail(
    `Chromium is needed at ${wanted} for the end-to-end tests.\n` +
      (isDebian
        ? '  Install it as root: sudo apt-get update && sudo apt-get install -y chromium\n'
        : '  Install Chromium with your package manager, or point CHROMIUM_PATH at a Chromium or Chrome binary.\n') +
      '  (playwright-core never downloads a browser of its own here.)',
  );
}

const apt = (args) => {
  process.stderr.write(`[ensure-chromium] apt-get ${args.join(' ')}\n`);
  const result = spawnSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) fail(`could not run apt-get: ${result.error.message}`);
  if (result.status !== 0) fail(`apt-get ${args[0]} failed (exit ${result.status}); see the output above.`);
};
apt(['update']);
apt(['install', '-y', '--no-install-recommends', 'chromium']);
if (!executable(wanted)) fail(`apt-get installed chromium, but ${wanted} is still missing.`);
process.stderr.write(`[ensure-chromium] installed ${wanted}\n`);
