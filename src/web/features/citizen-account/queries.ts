import { queryOptions } from "@tanstack/react-query";
import type { MyData, MyProfile } from "../../../modules/accounts/contracts.js";
import type { MailInfo, OutboxList } from "../../../modules/mail/contracts.js";
import { api } from "../../app/api.js";

/** Which mail transport is on (the pages link the dev outbox only when it is the outbox). */
export const mailInfoQuery = queryOptions({ queryKey: ["mail", "info"], queryFn: () => api.get<MailInfo>("/mail/info"), staleTime: Number.POSITIVE_INFINITY, retry: false });
export const myProfileQuery = queryOptions({ queryKey: ["me", "profile"], queryFn: () => api.get<MyProfile>("/me/profile") });
export const myDataQuery = queryOptions({ queryKey: ["me", "data"], queryFn: () => api.get<MyData>("/me/data") });
export const outboxQuery = (address: string) => queryOptions({ queryKey: ["dev", "outbox", address], queryFn: () => api.post<OutboxList>("/dev/outbox", { address }), enabled: !!address, retry: false });

const ADDRESS_KEY = "changwat.citizenAccount.address";
/** The address just signed up (or asked a link) with, for the next page: kept in the tab, never in a URL. */
export function rememberAddress(address: string): void {
  try {
    window.sessionStorage.setItem(ADDRESS_KEY, address);
  } catch {
    // storage disabled: the next page asks for it
  }
}
export function rememberedAddress(): string {
  try {
    return window.sessionStorage.getItem(ADDRESS_KEY) ?? "";
  } catch {
    return "";
  }
}
