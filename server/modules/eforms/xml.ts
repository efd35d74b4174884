/**
 * A minimal XML writer: elements as data, every text and attribute escaped in one place, so no
 * caller concatenates markup. (No XML builder package is installed; this needs only elements,
 * attributes and text.)
 */
export interface XmlElement {
  name: string;
  attrs?: Record<string, string | undefined>;
  children?: XmlNode[];
}
export type XmlNode = XmlElement | string | null | undefined | false;

/** An element with children (falsy ones are left out, arrays are flattened). */
export function el(name: string, ...children: Array<XmlNode | XmlNode[]>): XmlElement {
  return { name, children: children.flat() };
}

/** An element with attributes and children. */
export function ela(
  name: string,
  attrs: Record<string, string | undefined>,
  ...children: Array<XmlNode | XmlNode[]>
): XmlElement {
  return { name, attrs, children: children.flat() };
}

// XML 1.0 forbids most C0 controls and the non-characters U+FFFE/U+FFFF even when escaped.
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeText(value: string): string {
  return value.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(value: string): string {
  return escapeText(value)
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

function write(node: XmlElement, indent: string, out: string[]): void {
  const attrs = Object.entries(node.attrs ?? {})
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  const kids = (node.children ?? []).filter((c): c is XmlElement | string => Boolean(c) || c === '');
  if (kids.length === 0) {
    out.push(`${indent}<${node.name}${attrs}/>`);
  } else if (kids.every((k) => typeof k === 'string')) {
    out.push(`${indent}<${node.name}${attrs}>${escapeText((kids as string[]).join(''))}</${node.name}>`);
  } else {
    out.push(`${indent}<${node.name}${attrs}>`);
    for (const k of kids) {
      if (typeof k === 'string') out.push(`${indent}  ${escapeText(k)}`);
      else write(k, `${indent}  `, out);
    }
    out.push(`${indent}</${node.name}>`);
  }
}

export function renderXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, '', out);
  return `${out.join('\n')}\n`;
}
