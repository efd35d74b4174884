// Terminal output helpers for the dev command (and the benchmarks): colours and a box.

const useColour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

const paint =
  (code: number) =>
  (text: string): string =>
    useColour ? `\x1b[${code}m${text}\x1b[0m` : text;

export const colour = {
  enabled: useColour,
  bold: paint(1),
  dim: paint(2),
  red: paint(31),
  green: paint(32),
  yellow: paint(33),
  blue: paint(34),
  magenta: paint(35),
  cyan: paint(36),
};

/** A framed block: a bold title, aligned label/value rows, then footer lines. */
export function box(title: string, rows: Array<[string, string]>, footer: string[]): string {
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const lines = [
    title,
    '',
    ...rows.map(([label, value]) => `${label.padEnd(labelWidth)}  ${value}`),
    '',
    ...footer,
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const edge = '─'.repeat(width + 2);
  const body = lines.map((l, i) => `│ ${(i === 0 ? colour.bold(l) : l) + ' '.repeat(width - l.length)} │`);
  return [`┌${edge}┐`, ...body, `└${edge}┘`].join('\n');
}

export const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;
