export const queues = ['organisationer', 'profiler', 'behov', 'natverk'] as const;
export type Queue = (typeof queues)[number];
export const isQueue = (value: string | undefined): value is Queue =>
  (queues as readonly (string | undefined)[]).includes(value);
