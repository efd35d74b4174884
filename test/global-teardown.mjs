export default async function globalTeardown() {
  await globalThis.__BT_STACK__?.stop();
}
