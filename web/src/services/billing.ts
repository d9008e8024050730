/** The billing service's API (`/billing`): a client's account, invoices, transactions, and the agency's settings. */

import type { Api } from "../api";

export interface Account {
  client_id: string;
  currency: string;
  /** What the client owes now (negative: in credit). Every amount is in minor units. */
  balance: number;
  invoiced: number;
  paid: number;
  refunded: number;
  credited: number;
  credit_available: number;
  payments_enabled: boolean;
}

export type InvoiceStatus = "open" | "partially_paid" | "paid" | "void";

export interface Invoice {
  invoice_id: string;
  number: string;
  client_id: string;
  service_id: string | null;
  event_id: string | null;
  currency: string;
  total: number;
  balance: number;
  paid: number;
  credited: number;
  payment_pending: number;
  status: InvoiceStatus;
  issued_at: string;
  due_date: string | null;
  voided_at: string | null;
  void_reason: string | null;
  lines?: { description: string; amount: number }[];
}

export interface Transaction {
  transaction_id: string;
  type: string;
  amount: number;
  currency: string;
  at: string;
  invoice_id: string | null;
  invoice_number: string | null;
  payment_id: string | null;
  refund_id: string | null;
  method: string | null;
  note: string | null;
}

export interface BillingSettings {
  currency: string;
  payments_enabled: boolean;
  provider: "sandbox" | "stripe";
  version: number;
}

export interface Fees {
  event_fee: number | null;
  no_show_fee: number | null;
  late_cancel_fee: number | null;
  currency: string;
}

export const OFFLINE_METHODS = [
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
      .get<{ invoices: Invoice[]; cursor: string | null }>(`${client(clientId)}/invoices`, { cursor })
      .then((r): Page<Invoice> => ({ items: r.invoices, cursor: r.cursor })),
  invoice: (api: Api, invoiceId: string) => api.get<Invoice>(`/billing/invoices/${id(invoiceId)}`),
  transactions: (api: Api, clientId: string, cursor?: string) =>
    api
      .get<{ transactions: Transaction[]; cursor: string | null }>(`${client(clientId)}/transactions`, { cursor })
      .then((r): Page<Transaction> => ({ items: r.transactions, cursor: r.cursor })),

  issueInvoice: (
    api: Api,
    body: { client_id: string; service_id?: string; lines: { description: string; amount: number }[]; due_date?: string },
    key: string,
  ) => api.post<Invoice>("/billing/invoices", body, keyed(key)),
  recordPayment: (
    api: Api,
    invoiceId: string,
    body: { amount: number; method: string; reference?: string },
    key: string,
  ) => api.post<unknown>(`/billing/invoices/${id(invoiceId)}/payments`, body, keyed(key)),
  voidInvoice: (api: Api, invoiceId: string, reason?: string) =>
    api.post<Invoice>(`/billing/invoices/${id(invoiceId)}/void`, reason ? { reason } : {}),
  credit: (api: Api, clientId: string, body: { amount: number; reason: string; invoice_id?: string }, key: string) =>
    api.post<unknown>(`${client(clientId)}/credits`, body, keyed(key)),
  refund: (api: Api, paymentId: string, body: { amount?: number; reason?: string }, key: string) =>
    api.post<unknown>(`/billing/payments/${id(paymentId)}/refund`, body, keyed(key)),

  settings: (api: Api) => api.get<BillingSettings>("/billing/settings"),
  updateSettings: (api: Api, changes: Partial<Omit<BillingSettings, "version">>, version: number) =>
    api.put<BillingSettings>("/billing/settings", { ...changes, version }),
  fees: (api: Api) => api.get<Fees>("/billing/fees"),
  setFees: (api: Api, fees: Omit<Fees, "currency">) => api.put<Fees>("/billing/fees", fees),
};
