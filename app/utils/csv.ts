/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (Excel otherwise garbles æ, ø, å), CRLF line
 * ends, and cells that start like a formula prefixed, so an exported text can never run as one.
 */
export function toCsv(header: string[], rows: (string | number)[][]): string {
  const cell = (value: string | number) => {
    let text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return "\uFEFF" + [header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}
