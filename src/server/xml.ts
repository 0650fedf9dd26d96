import parseXml, { type XmlParserElementNode } from 'xml-parser-xo';

/**
 * Reading S3's XML answers with xml-parser-xo (1.5 kB gzip, no dependencies,
 * strict about mismatched tags). It leaves text as written, so entities and
 * character references are decoded here: keys may hold any character and
 * must come back exactly as stored (never trimmed).
 */

/** An element of a parsed answer. */
export type XmlElement = XmlParserElementNode;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references; anything else is left as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    // `#x1F600` → Number('0x1F600'), `#233` → Number('0233') (decimal: Number reads no octal).
    const code = Number(`0${name.slice(1)}`);
    return name[0] !== '#' ? (ENTITIES[name] ?? whole) : code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The root element of an S3 XML answer when it is `expected`; `undefined` for anything else, malformed XML included. */
export function xmlRoot(xml: string, expected: string): XmlElement | undefined {
  try {
    const { root } = parseXml(xml, { strictMode: true });
    return root.name === expected ? root : undefined;
  } catch {
    return undefined;
  }
}

/** The child elements of `element` named `name`. */
export function childElements(element: XmlElement, name: string): XmlElement[] {
  return (element.children ?? []).filter((child): child is XmlElement => child.type === 'Element' && child.name === name);
}

/** The text of an element: its text (entities decoded) and CDATA (as written), whitespace kept. */
export function textOf(element: XmlElement): string {
  return (element.children ?? [])
    .map((child) => (child.type === 'Text' ? decodeEntities(child.content) : child.type === 'CDATA' ? child.content.slice(9, -3) : ''))
    .join('');
}

/** The text of the first child named `name`. */
export function childText(element: XmlElement, name: string): string | undefined {
  const child = childElements(element, name)[0];
  return child && textOf(child);
}

/** Escapes text for an XML element's content (quotes matter only in attributes, which the handler never writes). */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
