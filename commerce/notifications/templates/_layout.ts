/**
 * The one email layout: an email is a list of blocks, written once as
 * table-based inline-styled HTML (max 600px wide, readable in Gmail,
 * Outlook and Apple Mail) and once as plain text with every link spelled
 * out, so both bodies always carry the same content.
 *
 * Every text reaching the HTML goes through {@link escapeHtml} here, at the
 * last moment, so templates never hold markup and cannot forget to escape.
 *
 * @module
 */

/** One piece of an email's body. */
export type Block =
  | { type: "heading"; text: string }
  | { type: "paragraph"; text: string }
  | { type: "note"; text: string }
  | { type: "button"; label: string; url: string }
  | { type: "link"; label: string; url: string }
  | { type: "facts"; rows: { label: string; value: string }[] }
  | {
    type: "lines";
    title: string;
    count: string;
    items: { name: string; detail: string; amount: string }[];
    total: { label: string; amount: string };
  };

/** Everything the layout needs, already translated and formatted. */
export interface EmailDocument {
  language: string;
  dir: "ltr" | "rtl";
  storeName: string;
  subject: string;
  /** The preview line mail clients show next to the subject. */
  preheader: string;
  blocks: Block[];
  /** Shown under each button, for clients that mangle buttons. */
  buttonFallback: string;
  footer: string;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escape text for HTML content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

const FONT =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const INK = "#18181b";
const MUTED = "#52525b";
const LINE = "#e4e4e7";
const ACCENT = "#1d4ed8";

/** The HTML body of an email. */
export function renderHtml(doc: EmailDocument): string {
  const start = doc.dir === "rtl" ? "right" : "left";
  const end = doc.dir === "rtl" ? "left" : "right";
  const text = `font-family:${FONT};color:${INK};text-align:${start};`;
  const e = escapeHtml;

  function block(item: Block): string {
    switch (item.type) {
      case "heading":
        return `<h1 style="margin:0 0 16px;${text}font-size:22px;line-height:1.3;font-weight:700;">${
          e(item.text)
        }</h1>`;
      case "paragraph":
        return `<p style="margin:0 0 16px;${text}font-size:16px;line-height:1.5;">${
          e(item.text)
        }</p>`;
      case "note":
        return `<p style="margin:0 0 16px;${text}color:${MUTED};font-size:14px;line-height:1.5;">${
          e(item.text)
        }</p>`;
      case "button":
        return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px;"><tr><td align="center" bgcolor="${ACCENT}" style="border-radius:6px;background-color:${ACCENT};"><a href="${
          e(item.url)
        }" target="_blank" style="display:inline-block;padding:12px 24px;font-family:${FONT};font-size:16px;font-weight:700;line-height:1.2;color:#ffffff;text-decoration:none;border-radius:6px;">${
          e(item.label)
        }</a></td></tr></table>` +
          `<p style="margin:0 0 16px;${text}color:${MUTED};font-size:13px;line-height:1.5;">${
            e(doc.buttonFallback)
          }<br><a href="${
            e(item.url)
          }" target="_blank" style="color:${ACCENT};word-break:break-all;" dir="ltr">${
            e(item.url)
          }</a></p>`;
      case "link":
        return `<p style="margin:0 0 16px;${text}font-size:16px;line-height:1.5;"><a href="${
          e(item.url)
        }" target="_blank" style="color:${ACCENT};">${e(item.label)}</a></p>`;
      case "facts":
        return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;border-top:1px solid ${LINE};">${
          item.rows.map((row) =>
            `<tr><td style="padding:8px 0;border-bottom:1px solid ${LINE};${text}color:${MUTED};font-size:14px;">${
              e(row.label)
            }</td><td style="padding:8px 0;border-bottom:1px solid ${LINE};${text}text-align:${end};font-size:14px;font-weight:700;">${
              e(row.value)
            }</td></tr>`
          ).join("")
        }</table>`;
      case "lines":
        return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;">` +
          `<tr><td style="padding:0 0 8px;border-bottom:2px solid ${INK};${text}font-size:16px;font-weight:700;">${
            e(item.title)
          }</td><td style="padding:0 0 8px;border-bottom:2px solid ${INK};${text}text-align:${end};color:${MUTED};font-size:14px;">${
            e(item.count)
          }</td></tr>` +
          item.items.map((line) =>
            `<tr><td style="padding:10px 0;border-bottom:1px solid ${LINE};${text}font-size:15px;line-height:1.4;">${
              e(line.name)
            }<br><span style="color:${MUTED};font-size:13px;">${
              e(line.detail)
            }</span></td><td valign="top" style="padding:10px 0;border-bottom:1px solid ${LINE};${text}text-align:${end};font-size:15px;white-space:nowrap;">${
              e(line.amount)
            }</td></tr>`
          ).join("") +
          `<tr><td style="padding:12px 0 0;${text}font-size:16px;font-weight:700;">${
            e(item.total.label)
          }</td><td style="padding:12px 0 0;${text}text-align:${end};font-size:16px;font-weight:700;white-space:nowrap;">${
            e(item.total.amount)
          }</td></tr></table>`;
    }
  }

  return `<!DOCTYPE html>
<html lang="${e(doc.language)}" dir="${doc.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light">
<title>${e(doc.subject)}</title>
</head>
<body style="margin:0;padding:0;width:100%;background-color:#f4f4f5;">
<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;">${
    e(doc.preheader)
  }</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f4f4f5" style="background-color:#f4f4f5;">
<tr><td align="center" style="padding:24px 12px;">
<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" dir="${doc.dir}" bgcolor="#ffffff" style="width:100%;max-width:600px;background-color:#ffffff;border:1px solid ${LINE};border-radius:8px;">
<tr><td style="padding:20px 32px;border-bottom:1px solid ${LINE};${text}font-size:18px;font-weight:700;">${
    e(doc.storeName)
  }</td></tr>
<tr><td style="padding:32px;${text}">
${doc.blocks.map(block).join("\n")}
</td></tr>
<tr><td style="padding:20px 32px;border-top:1px solid ${LINE};${text}color:${MUTED};font-size:12px;line-height:1.5;">${
    e(doc.footer)
  }</td></tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr>
</table>
</body>
</html>
`;
}

/** The plain-text body of an email: the same blocks, links written out. */
export function renderText(doc: EmailDocument): string {
  function block(item: Block): string {
    switch (item.type) {
      case "heading":
      case "paragraph":
      case "note":
        return item.text;
      case "button":
      case "link":
        return `${item.label}:\n${item.url}`;
      case "facts":
        return item.rows.map((row) => `${row.label}: ${row.value}`).join("\n");
      case "lines":
        return [
          `${item.title} (${item.count})`,
          ...item.items.map((line) =>
            `- ${line.name}\n  ${line.detail} = ${line.amount}`
          ),
          `${item.total.label}: ${item.total.amount}`,
        ].join("\n");
    }
  }
  return [
    doc.storeName,
    ...doc.blocks.map(block),
    `--\n${doc.footer}`,
  ].join("\n\n") + "\n";
}
