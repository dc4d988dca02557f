/** Colour only when a person is watching a terminal; piped or captured output stays plain. */
const tty = Boolean(process.stdout.isTTY);
const paint = (code: string) => (s: string) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);

export const green = paint('32');
export const dim = paint('2');
export const red = paint('31');
export const bold = paint('1');
export const cyan = paint('36');
