/**
 * Fetch wrapper for /api/v1: JSON in and out, same-origin cookies, the CSRF header on every unsafe
 * method, and one error type (ApiError) carrying the server's bilingual message and request id.
 */
export const API_BASE = "/api/v1";

export interface ApiFieldError {
  path: string;
  code: string;
  messageTh: string;
  messageEn: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageTh: string;
  readonly messageEn: string;
  readonly requestId: string | null;
  readonly fields: ApiFieldError[];

  constructor(init: { status: number; code: string; messageTh?: string; messageEn?: string; requestId?: string | null; fields?: ApiFieldError[] }) {
    super(init.messageEn || init.code);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.messageTh = init.messageTh ?? "";
    this.messageEn = init.messageEn ?? "";
    this.requestId = init.requestId ?? null;
    this.fields = init.fields ?? [];
  }

  /** The server's message in the given language, or null when the server gave none (network, proxy). */
  localized(lang: "th" | "en"): string | null {
    const m = lang === "en" ? this.messageEn || this.messageTh : this.messageTh || this.messageEn;
    return m || null;
  }

  fieldError(path: string, lang: "th" | "en"): string | undefined {
    const f = this.fields.find((x) => x.path === path || x.path.endsWith(`.${path}`));
    if (!f) return undefined;
    return lang === "en" ? f.messageEn || f.messageTh : f.messageTh || f.messageEn;
  }
}

export function isApiError(e: unknown, status?: number): e is ApiError {
  return e instanceof ApiError && (status === undefined || e.status === status);
}

let csrfToken: string | null = null;
let csrfLoader: (() => Promise<string | null>) | null = null;

/** Called by the session code whenever /auth/me answers. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** How to fetch a fresh token when an unsafe request finds none (normally a GET /auth/me). */
export function setCsrfLoader(loader: () => Promise<string | null>): void {
  csrfLoader = loader;
}

export type Query = Record<string, string | number | boolean | null | undefined | readonly string[]>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === "") continue;
    params.set(k, Array.isArray(v) ? v.join(",") : String(v));
  }
  const s = params.toString();
  return s ? `${path}${path.includes("?") ? "&" : "?"}${s}` : path;
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** a file sent as the raw body (imports), instead of JSON */
  file?: Blob;
  /** multipart/form-data (fields and files); the browser sets the content type with its boundary */
  form?: FormData;
  signal?: AbortSignal;
}

async function parseError(res: Response): Promise<ApiError> {
  const requestIdHeader = res.headers.get("x-request-id");
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (proxy page, empty body)
  }
  const err = (body as { error?: Record<string, unknown> } | null)?.error;
  if (err && typeof err === "object" && typeof err.code === "string") {
    return new ApiError({
      status: res.status,
      code: err.code,
      messageTh: typeof err.messageTh === "string" ? err.messageTh : "",
      messageEn: typeof err.messageEn === "string" ? err.messageEn : "",
      requestId: typeof err.requestId === "string" ? err.requestId : requestIdHeader,
      fields: Array.isArray(err.fields) ? (err.fields as ApiFieldError[]) : [],
    });
  }
  return new ApiError({ status: res.status, code: `http.${res.status}`, requestId: requestIdHeader });
}

async function send<T>(method: Method, path: string, opts: RequestOptions, retried = false): Promise<T> {
  const unsafe = method !== "GET";
  if (unsafe && !csrfToken && csrfLoader) csrfToken = await csrfLoader().catch(() => null);
  const headers: Record<string, string> = { accept: "application/json" };
  if (opts.file) headers["content-type"] = opts.file.type || "application/octet-stream";
  else if (opts.form) {
    // no content-type: fetch writes multipart/form-data with its boundary
  } else if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (unsafe && csrfToken) headers["x-csrf-token"] = csrfToken;

  let res: Response;
  try {
    res = await fetch(withQuery(`${API_BASE}${path}`, opts.query), {
      method,
      headers,
      credentials: "same-origin",
      body: opts.file ?? opts.form ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === "AbortError") throw e;
    throw new ApiError({ status: 0, code: "network" });
  }
  if (!res.ok) {
    const error = await parseError(res);
    // A stale CSRF token (new session after login/logout): fetch a fresh one and retry once.
    if (unsafe && !retried && res.status === 403 && /csrf/i.test(error.code) && csrfLoader) {
      csrfToken = await csrfLoader().catch(() => null);
      return send<T>(method, path, opts, true);
    }
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => send<T>("GET", path, { query, signal }),
  post: <T>(path: string, body?: unknown) => send<T>("POST", path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => send<T>("PATCH", path, { body }),
  put: <T>(path: string, body: unknown) => send<T>("PUT", path, { body }),
  delete: <T = void>(path: string) => send<T>("DELETE", path, {}),
  /** POSTs a file as the raw request body (CSV/XLSX imports) */
  upload: <T>(path: string, file: Blob, query?: Query) => send<T>("POST", path, { file, query }),
  /** POSTs multipart/form-data (a report with its photos) */
  postForm: <T>(path: string, form: FormData) => send<T>("POST", path, { form }),
};

/** Encodes one path segment (ids may contain ":" which is fine, but "/" or "#" must be escaped). */
export function seg(value: string | number): string {
  return encodeURIComponent(String(value));
}
