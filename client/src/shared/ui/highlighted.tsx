import { Fragment, type ReactNode } from 'react';

const tag = /(<mark>|<\/mark>)/;

/**
 * Renders search-engine highlights (`<mark>` around matched words) without innerHTML: the string is
 * split on the two tags and everything else stays text, so no markup from the data can run.
 */
export function Highlighted({ text, fallback }: { text?: string | undefined; fallback: string }) {
  if (!text) return <>{fallback}</>;
  const nodes: ReactNode[] = [];
  let marked = false;
  text.split(tag).forEach((part, index) => {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part)
      nodes.push(marked ? <mark key={index}>{part}</mark> : <Fragment key={index}>{part}</Fragment>);
  });
  return <>{nodes}</>;
}
