/**
 * The billing service's API types by short names, for the staff web client and the client portal alike: each is the
 * schema of billing's OpenAPI document as generated in `./generated/billing.ts` (never written by hand here).
 */

import type { components, paths } from "./generated/billing";

type Schemas = components["schemas"];

// Replies.
export type Account = Schemas["Account"];
export type Invoice = Schemas["Invoice"];
export type InvoiceWithLines = Schemas["InvoiceWithLines"];
export type InvoiceLine = Schemas["InvoiceLine"];
export type Invoices = Schemas["Invoices"];
export type Transaction = Schemas["Transaction"];
export type Transactions = Schemas["Transactions"];
export type Payment = Schemas["Payment"];
export type Credit = Schemas["Credit"];
export type CreditApplied = Schemas["CreditApplied"];
export type Refund = Schemas["Refund"];
export type Settings = Schemas["Settings"];
export type Fees = Schemas["Fees"];
/** A page of the Account History, and one of its entries (with the balance after it). */
export type History = Schemas["History"];
export type HistoryEntry = Schemas["HistoryEntry"];

// Request bodies.
export type NewInvoice = Schemas["NewInvoice"];
export type Line = Schemas["Line"];
export type OfflinePayment = Schemas["OfflinePayment"];
export type CardPayment = Schemas["CardPayment"];
export type VoidReason = Schemas["VoidReason"];
export type NewCredit = Schemas["NewCredit"];
export type NewRefund = Schemas["NewRefund"];
export type SettingsChange = Schemas["SettingsChange"];
export type FeesChange = Schemas["FeesChange"];

// Query parameters.
export type InvoicesQuery = NonNullable<paths["/billing/clients/{client_id}/invoices"]["get"]["parameters"]["query"]>;
export type TransactionsQuery = NonNullable<
  paths["/billing/clients/{client_id}/transactions"]["get"]["parameters"]["query"]
>;
export type MyInvoicesQuery = NonNullable<paths["/billing/me/invoices"]["get"]["parameters"]["query"]>;

/** An invoice's status (`open`, `partially_paid`, `paid`, `void`). */
export type InvoiceStatus = Invoice["status"];
/** How staff record a payment received outside the portal (`cash`, `cheque`, `transfer`, `other`). */
export type OfflineMethod = OfflinePayment["method"];
/** Who takes the card for online payments (`sandbox`, `stripe`). */
export type Provider = Account["provider"];
export type HistoryQuery = NonNullable<paths["/billing/me/history"]["get"]["parameters"]["query"]>;
