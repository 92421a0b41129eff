// A server-sent events parser over a stream reader of text (the HTML standard's rules, without EventSource):
// lines end with CRLF, LF or CR, also when a chunk ends between the CR and the LF; a blank line ends an event;
// `data` lines are joined with LF, so an event's data is exactly the lines the server sent, nothing added.

/** Yields { type, id, data } for each event read from reader (a ReadableStreamDefaultReader of strings). */
export async function* parseEvents(reader) {
  let buffer = '';
  let type = '';
  let id = null;
  let data = null;
  let skipLf = false; // the last chunk ended on a CR: an LF starting the next one belongs to it
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return; // an event without its blank line is incomplete: dropped, as the standard says
    buffer += value;
    if (skipLf && buffer.startsWith('\n')) buffer = buffer.slice(1);
    skipLf = false;
    let start = 0;
    let lf = -1;
    let cr = -1;
    for (;;) {
      // each search only when the last hit is behind: a chunk of many lines without a CR is scanned once
      if (lf !== -2 && lf < start) lf = buffer.indexOf('\n', start);
      if (cr !== -2 && cr < start) cr = buffer.indexOf('\r', start);
      if (lf === -1) lf = -2; // none up to the chunk's end
      if (cr === -1) cr = -2;
      const end = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
      if (end < 0) break;
      const line = buffer.slice(start, end);
      if (end === cr) {
        if (end + 1 === buffer.length) skipLf = true;
        start = buffer[end + 1] === '\n' ? end + 2 : end + 1;
      } else {
        start = end + 1;
      }
      if (line === '') {
        if (data !== null) yield { type: type || 'message', id, data };
        type = '';
        id = null;
        data = null;
      } else if (!line.startsWith(':')) { // ':' starts a comment (the opening padding, keep-alives)
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let fieldValue = colon < 0 ? '' : line.slice(colon + 1);
        if (fieldValue.startsWith(' ')) fieldValue = fieldValue.slice(1);
        if (field === 'event') type = fieldValue;
        else if (field === 'id') id = fieldValue;
        else if (field === 'data') data = data === null ? fieldValue : `${data}\n${fieldValue}`;
      }
    }
    buffer = buffer.slice(start);
  }
}
