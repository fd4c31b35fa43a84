// Text that cannot contain any markdown, mention, link or emoji syntax is the common case: it needs no
// parser. Anything with a marker character goes the full way.
const MAYBE_MARKUP = /[*_~`|>#\-+=[\]<\\!&:@\n\r\t]|^\s*\d+[.)]|www\.|^ {4}| {2}$/i;

export const mayHaveMarkup = (body: string): boolean => MAYBE_MARKUP.test(body);
