// A recording SMTP server for tests: the outside world a mail transport talks to (MAIL_TRANSPORT=smtp). It speaks
// just enough SMTP for nodemailer (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS, no AUTH) and records every
// message whose DATA it received. A message counts as delivered only once the sink answered its DATA with 250
// (RFC 5321 §4.1.1.4: before that reply the sender may not consider it sent); `decide` may hold that answer back,
// so a test can kill the sending process while a message is in flight, or acknowledge it after stopping the sender.
import net from "node:net";

export type SinkMessage = {
  /** 1, 2, … in the order their DATA arrived */
  seq: number;
  /** the RCPT TO addresses, lower-cased */
  to: string[];
  /** the Message-ID header as sent (angle brackets included), or null */
  messageId: string | null;
  headers: Record<string, string>;
  /** held: DATA received, not answered yet; accepted: answered 250; abandoned: the sender went away unanswered */
  status: "held" | "accepted" | "abandoned";
};

export type SmtpSink = {
  port: number;
  url: string;
  messages: SinkMessage[];
  /** answers a held message with 250 (it becomes accepted) */
  accept(m: SinkMessage): void;
  /** the accepted messages */
  accepted(): SinkMessage[];
  close(): Promise<void>;
};

/** Starts the sink on 127.0.0.1 (a free port); `decide` is asked about each message as its DATA ends. */
export async function startSmtpSink(decide: (m: SinkMessage) => "accept" | "hold" = () => "accept"): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const waiting = new Map<SinkMessage, net.Socket>();
  const sockets = new Set<net.Socket>();
  const reply = (m: SinkMessage) => {
    const socket = waiting.get(m);
    if (!socket || m.status !== "held") return;
    waiting.delete(m);
    m.status = "accepted";
    socket.write("250 2.0.0 OK queued\r\n");
  };

  const server = net.createServer((socket) => {
    sockets.add(socket);
    let buffer = "";
    let rcpt: string[] = [];
    let data: string[] | null = null;
    socket.setEncoding("utf8");
    socket.on("error", () => {});
    socket.on("close", () => {
      sockets.delete(socket);
      for (const [m, s] of waiting) {
        if (s !== socket) continue;
        waiting.delete(m);
        m.status = "abandoned";
      }
    });
    socket.write("220 sink.test ESMTP\r\n");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        if (data) {
          if (line !== ".") {
            data.push(line.startsWith("..") ? line.slice(1) : line);
            continue;
          }
          const headers = parseHeaders(data);
          const m: SinkMessage = { seq: messages.length + 1, to: rcpt, messageId: headers["message-id"] ?? null, headers, status: "held" };
          messages.push(m);
          data = null;
          rcpt = [];
          waiting.set(m, socket);
          if (decide(m) === "accept") reply(m);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") socket.write("250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
        else if (verb === "HELO") socket.write("250 sink.test\r\n");
        else if (verb === "MAIL") {
          rcpt = [];
          socket.write("250 2.1.0 OK\r\n");
        } else if (verb === "RCPT") {
          rcpt.push((/<([^>]*)>/.exec(line)?.[1] ?? "").toLowerCase());
          socket.write("250 2.1.5 OK\r\n");
        } else if (verb === "DATA") {
          data = [];
          socket.write("354 go ahead\r\n");
        } else if (verb === "RSET") {
          rcpt = [];
          socket.write("250 OK\r\n");
        } else if (verb === "NOOP") socket.write("250 OK\r\n");
        else if (verb === "QUIT") {
          socket.end("221 bye\r\n");
        } else socket.write("502 5.5.2 not implemented\r\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    accept: reply,
    accepted: () => messages.filter((m) => m.status === "accepted"),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The header block of a message (unfolded, names lower-cased). */
function parseHeaders(lines: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  let last: string | null = null;
  for (const line of lines) {
    if (line === "") break;
    if (/^[ \t]/.test(line) && last) {
      out[last] += ` ${line.trim()}`;
      continue;
    }
    const i = line.indexOf(":");
    if (i <= 0) continue;
    last = line.slice(0, i).trim().toLowerCase();
    out[last] = line.slice(i + 1).trim();
  }
  for (const k of Object.keys(out)) out[k] = out[k]!.trim();
  return out;
}
