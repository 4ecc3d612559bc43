// Text from files and AWS, made safe for a terminal: control characters (escape sequences
// that could recolour, move the cursor or retitle the window) and bidirectional overrides
// (text that reads differently than it is) are shown as visible escapes, never sent as is.

// Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const visible = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** One line of hostile text: line breaks become spaces, other controls visible escapes. */
export const clean = (text: string): string => text.replace(/\r?\n/g, ' ').replace(UNSAFE, visible);
