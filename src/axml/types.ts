/**
 * The decoded XML tree shared by binary XML (AXML) and plain-text XML inputs. Attributes keep the
 * resource ID Android matches them by, so rules never trust a name string a packer can fake.
 */

export const ANDROID_NS = 'http://schemas.android.com/apk/res/android';

/** Res_value data types (ResourceTypes.h). */
export const TYPE_NULL = 0x00;
export const TYPE_REFERENCE = 0x01;
export const TYPE_ATTRIBUTE = 0x02;
export const TYPE_STRING = 0x03;
export const TYPE_FLOAT = 0x04;
export const TYPE_DIMENSION = 0x05;
export const TYPE_FRACTION = 0x06;
export const TYPE_DYNAMIC_REFERENCE = 0x07;
export const TYPE_DYNAMIC_ATTRIBUTE = 0x08;
export const TYPE_INT_DEC = 0x10;
export const TYPE_INT_HEX = 0x11;
export const TYPE_INT_BOOLEAN = 0x12;
export const TYPE_INT_COLOR_ARGB8 = 0x1c;
export const TYPE_INT_COLOR_RGB8 = 0x1d;
export const TYPE_INT_COLOR_ARGB4 = 0x1e;
export const TYPE_INT_COLOR_RGB4 = 0x1f;

export interface XmlAttribute {
  /** Namespace URI as written (null for none). Android does not use it to identify attributes. */
  ns: string | null;
  /** Name as written in the string pool (or the plain-text name). */
  name: string;
  /** Resource ID from the resource map; 0 when the attribute has none. */
  resId: number;
  /** Res_value dataType; TYPE_STRING for plain-text attributes that are not typed. */
  type: number;
  /** Res_value data: the number, or the string-pool index for TYPE_STRING. */
  data: number;
  /** The string value Android uses for this attribute when it is a string (typed data for
   *  TYPE_STRING, else the raw value), or null. */
  str: string | null;
  /** The raw value string (what XmlPullParser.getAttributeValue returns), or null. */
  raw: string | null;
  /** Plain-text XML only: where the attribute's name starts (1-based line and column). */
  line?: number;
  column?: number;
}

export interface XmlElement {
  name: string;
  ns: string | null;
  attrs: XmlAttribute[];
  children: XmlElement[];
  /** Concatenated character data directly inside this element. */
  text?: string;
  /** Namespace declarations that open at this element (prefix → uri). */
  nsDecls?: { prefix: string; uri: string }[];
  /** Source line (binary XML stores it) and byte offset of the start node. */
  line: number;
  offset: number;
  /** Plain-text XML only: the 1-based column of the start tag's `<` (line is then its line too). */
  column?: number;
}

export interface XmlDocument {
  /** The first root element; further roots are kept in `extraRoots` (Android reads only the first). */
  root: XmlElement;
  extraRoots: XmlElement[];
  /** Whether the document came from binary XML or plain text. */
  source: 'binary' | 'text';
}
