import { parse, type TNode } from 'txml/txml';

/**
 * Reading S3's XML answers with txml (2 kB gzip, no dependencies), parsing
 * with entities decoded and whitespace kept: keys may hold any character,
 * escaped as entities or character references, and must come back exactly
 * as stored (never trimmed).
 */

/** An element of a parsed answer. */
export type XmlElement = TNode;

const isElement = (node: TNode | string): node is TNode => typeof node !== 'string';

/** The root element of an S3 XML answer when it is `expected`; `undefined` for anything else, malformed XML included. */
export function xmlRoot(xml: string, expected: string): XmlElement | undefined {
  try {
    const root = parse(xml, { decodeEntities: true, keepWhitespace: true }).find((node) => isElement(node) && !node.tagName.startsWith('?'));
    return root && isElement(root) && root.tagName === expected ? root : undefined;
  } catch {
    return undefined;
  }
}

/** The child elements of `element` named `name`. */
export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child): child is TNode => isElement(child) && child.tagName === name);
}

/** The text of an element (its text and CDATA, entities decoded, whitespace kept). */
export function textOf(element: XmlElement): string {
  return element.children.filter((child): child is string => !isElement(child)).join('');
}

/** The text of the first child named `name`. */
export function childText(element: XmlElement, name: string): string | undefined {
  const child = childElements(element, name)[0];
  return child && textOf(child);
}

/** Escapes text for an XML element. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
