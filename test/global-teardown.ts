interface Stoppable {
  stop(): Promise<void>;
}

export default async function globalTeardown() {
  const stack = (globalThis as Record<string, unknown>).__BT_STACK__ as Stoppable | undefined;
  await stack?.stop();
}
