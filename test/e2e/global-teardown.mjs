export default async function globalTeardown() {
  await globalThis.__BT_E2E__?.stop();
  if (globalThis.__BT_E2E_SUMMARY__) process.stdout.write(`\n${globalThis.__BT_E2E_SUMMARY__}\n`);
}
