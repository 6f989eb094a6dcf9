// Progress of a long command on stderr. On a terminal one line rewritten in place (\r); anywhere
// else (a pipe, a log file, CI) whole lines, at most one a second, and the final count: no
// carriage returns piling up in a log.
export interface Progress {
  update(n: number): void;
  done(n: number): void;
}

export function progress(label: (n: number) => string, out: NodeJS.WriteStream = process.stderr, now: () => number = Date.now): Progress {
  let last = 0;
  let shown = -1;
  return {
    update(n) {
      if (out.isTTY) {
        out.write(`\r${label(n)}`);
        shown = n;
        return;
      }
      if (now() - last < 1000) return;
      last = now();
      out.write(`${label(n)}\n`);
      shown = n;
    },
    done(n) {
      if (out.isTTY) {
        out.write(`\r${label(n)}\n`);
      } else if (shown !== n) out.write(`${label(n)}\n`);
    },
  };
}
