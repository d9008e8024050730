/**
 * The billing service's API (`/billing`): a client's account, invoices, transactions, and the agency's settings. Its
 * types are those generated from billing's OpenAPI document (`shared/api/billing.ts`).
 */

import type { Api } from "../../shared/http";
import type {
  Account,
  Credit,
  Fees,
  FeesChange,
  Invoice,
  Invoices,
  InvoiceWithLines,
  NewCredit,
  NewInvoice,
  NewRefund,
  OfflineMethod,
  OfflinePayment,
  Payment,
  Refund,
  Settings,
  SettingsChange,
  Transaction,
  Transactions,
  VoidReason,
} from "../../shared/api/billing";

export const OFFLINE_METHODS: { value: OfflineMethod; label: string }[] = [
  { value: "cash", label: "Cash" },
  { value: "cheque", label: "Cheque" },
  { value: "transfer", label: "Bank transfer" },
  { value: "other", label: "Other" },
];

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

const id = encodeURIComponent;
const client = (clientId: string) => `/billing/clients/${id(clientId)}`;
const keyed = (key: string) => ({ "Idempotency-Key": key });

export const billing = {
  account: (api: Api, clientId: string) => api.get<Account>(`${client(clientId)}/account`),
  invoices: (api: Api, clientId: string, cursor?: string) =>
    api
      .get<Invoices>(`${client(clientId)}/invoices`, { cursor })
      .then((r): Page<Invoice> => ({ items: r.invoices, cursor: r.cursor })),
  invoice: (api: Api, invoiceId: string) => api.get<InvoiceWithLines>(`/billing/invoices/${id(invoiceId)}`),
  transactions: (api: Api, clientId: string, cursor?: string) =>
    api
      .get<Transactions>(`${client(clientId)}/transactions`, { cursor })
      .then((r): Page<Transaction> => ({ items: r.transactions, cursor: r.cursor })),

  issueInvoice: (api: Api, body: NewInvoice, key: string) =>
    api.post<InvoiceWithLines>("/billing/invoices", body, keyed(key)),
  recordPayment: (api: Api, invoiceId: string, body: OfflinePayment, key: string) =>
    api.post<Payment>(`/billing/invoices/${id(invoiceId)}/payments`, body, keyed(key)),
  voidInvoice: (api: Api, invoiceId: string, reason?: string) =>
    api.post<Invoice>(`/billing/invoices/${id(invoiceId)}/void`, (reason ? { reason } : {}) satisfies VoidReason),
  credit: (api: Api, clientId: string, body: NewCredit, key: string) =>
    api.post<Credit>(`${client(clientId)}/credits`, body, keyed(key)),
  refund: (api: Api, paymentId: string, body: NewRefund, key: string) =>
    api.post<Refund>(`/billing/payments/${id(paymentId)}/refund`, body, keyed(key)),

  settings: (api: Api) => api.get<Settings>("/billing/settings"),
  updateSettings: (api: Api, changes: Omit<SettingsChange, "version">, version: number) =>
    api.put<Settings>("/billing/settings", { ...changes, version } satisfies SettingsChange),
  fees: (api: Api) => api.get<Fees>("/billing/fees"),
  setFees: (api: Api, fees: FeesChange) => api.put<Fees>("/billing/fees", fees),
};
