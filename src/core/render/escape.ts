// Text that came from files or AWS is escaped before it goes into Markdown, so that a user
// name or a stack event cannot inject links, HTML or formatting into a comment.

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&"'@]|:(?=\/\/)/g;

/** Escapes for Markdown and the HTML GitHub allows in it. */
export const escapeMarkdown = (text: string): string =>
  text.replace(/\r?\n/g, ' ').replace(MARKDOWN_SPECIAL, (c) => {
    switch (c) {
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '&':
        return '&amp;';
      case '"':
        return '&quot;';
      case "'":
        return '&#39;';
      case '@':
        // Keeps `@user` and `@org/team` from pinging anyone.
        return '@\u200b';
      case ':':
        // Keeps `https://` text from being auto-linked; ARNs keep their plain colons.
        return ':\u200b';
      default:
        return `\\${c}`;
    }
  });

/** Inline code: a backtick fence longer than any run of backticks inside. */
export const code = (text: string): string => {
  const clean = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
};

/**
 * Inline code inside a table cell. A pipe would end the cell even inside a code span, and
 * backslashes before it cannot be kept literal, so such text falls back to escaped prose.
 */
export const cellCode = (text: string): string => (text.includes('|') ? escapeMarkdown(text) : code(text));

/** For text inside raw HTML such as `<summary>`, where Markdown backslash escapes show as is. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"'@]/g, (c) =>
    c === '@'
      ? '@\u200b'
      : c === '&'
        ? '&amp;'
        : c === '<'
          ? '&lt;'
          : c === '>'
            ? '&gt;'
            : c === '"'
              ? '&quot;'
              : '&#39;',
  );
