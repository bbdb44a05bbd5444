/** A bilingual message: Thai first, then English; plain text and simple HTML; the link made absolute. */
export type MailContent = { subjectTh: string; subjectEn: string; bodyTh?: string | null; bodyEn?: string | null; link?: string | null };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Makes a link absolute against the public URL (a path in the web app, or already absolute). */
export function absoluteLink(link: string, publicUrl: string): string {
  if (/^https?:\/\//i.test(link)) return link;
  return `${publicUrl.replace(/\/+$/, "")}/${link.replace(/^\/+/, "")}`;
}

/** Subject "Thai / English"; bodies in both languages with the link under each. */
export function composeMail(c: MailContent, publicUrl: string): { subject: string; text: string; html: string } {
  const link = c.link ? absoluteLink(c.link, publicUrl) : null;
  const subject = c.subjectTh === c.subjectEn ? c.subjectTh : `${c.subjectTh} / ${c.subjectEn}`;
  const part = (title: string, body: string | null | undefined, linkLabel: string) =>
    [title, body ?? "", link ? `${linkLabel}: ${link}` : ""].filter(Boolean).join("\n\n");
  const text = [part(c.subjectTh, c.bodyTh, "ลิงก์"), "—".repeat(20), part(c.subjectEn, c.bodyEn ?? null, "Link")].join("\n\n") + "\n\n-- \nChangwat (ระบบบริหารงานจังหวัดแบบบูรณาการ)\n";
  const htmlPart = (lang: string, title: string, body: string | null | undefined, linkLabel: string) =>
    `<div lang="${lang}"><h2 style="font-size:18px">${esc(title)}</h2>${body ? `<p style="white-space:pre-line;line-height:1.7">${esc(body)}</p>` : ""}${link ? `<p><a href="${esc(link)}">${esc(linkLabel)}</a><br><span style="font-size:12px;color:#555">${esc(link)}</span></p>` : ""}</div>`;
  const html = `<!doctype html><html><body style="font-family:Sarabun,'Noto Sans Thai',sans-serif;color:#1a1a1a">${htmlPart("th", c.subjectTh, c.bodyTh, "เปิดลิงก์")}<hr>${htmlPart("en", c.subjectEn, c.bodyEn, "Open the link")}<p style="font-size:12px;color:#555">Changwat</p></body></html>`;
  return { subject, text, html };
}
