// Generated from services/billing/openapi.json by openapi-typescript: do not edit.
// Refresh with `make openapi` (or `npm run types` in web/); a Vitest test fails when this file is stale.

export interface paths {
    "/billing/clients/{client_id}/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A client's account: what they owe, have paid, were refunded and credited.
         * @description Roles: worker, admin.
         */
        get: operations["client_account"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/clients/{client_id}/credits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Credit a client's account: it pays the invoice named, else the oldest open invoices, then the next ones.
         * @description Roles: worker, admin.
         */
        post: operations["issue_credit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/clients/{client_id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A client's Account History: invoices, payments, credits, refunds, newest first, with the balance after each.
         * @description Roles: worker, admin.
         */
        get: operations["client_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/clients/{client_id}/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A client's invoices, newest first, by service and status.
         * @description Roles: worker, admin.
         */
        get: operations["client_invoices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/clients/{client_id}/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A client's payments, credits and refunds, newest first.
         * @description Roles: worker, admin.
         */
        get: operations["client_transactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/fees": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The agency's default fees, which every service without its own fees charges.
         * @description Roles: worker, admin.
         */
        get: operations["get_default_fees"];
        /**
         * Set the agency's default fees: what an attended event, a no-show and a late cancellation cost a client.
         * @description Roles: worker, admin.
         */
        put: operations["set_default_fees"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The service answers.
         * @description Public: no sign-in.
         */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue an invoice to a client, numbered in turn; available credit pays it at once.
         * @description Roles: worker, admin.
         */
        post: operations["issue_invoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/invoices/{invoice_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An invoice with its lines.
         * @description Roles: worker, admin.
         */
        get: operations["get_invoice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/invoices/{invoice_id}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a payment received outside the portal (cash, cheque, transfer) against an invoice.
         * @description Roles: worker, admin.
         */
        post: operations["record_payment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/invoices/{invoice_id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Void an unpaid invoice: a reversing entry cancels what it charged.
         * @description Roles: worker, admin.
         */
        post: operations["void_invoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/me/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your account: what you owe, have paid, were refunded and credited, and whether you can pay online.
         * @description Roles: client.
         */
        get: operations["my_account"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/me/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your Account History: invoices, payments, credits and refunds, newest first, with your balance after each.
         * @description Roles: client.
         */
        get: operations["my_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/me/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your invoices, newest first, by service and status.
         * @description Roles: client.
         */
        get: operations["my_invoices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/me/invoices/{invoice_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of your invoices, with its lines.
         * @description Roles: client.
         */
        get: operations["my_invoice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/me/invoices/{invoice_id}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay (part of) one of your invoices online, with a new Idempotency-Key per payment.
         * @description Roles: client.
         */
        post: operations["pay_invoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/me/services/{service_id}/fees": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The fees one of your services charges you (an event, a no-show, a late cancellation), before you cancel.
         * @description Roles: client.
         */
        get: operations["my_fees"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/me/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your payments, credits and refunds, newest first.
         * @description Roles: client.
         */
        get: operations["my_transactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/payments/{payment_id}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refund (part of) a payment, through the provider that took it; the invoice is owed again by that much.
         * @description Roles: worker, admin.
         */
        post: operations["refund_payment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/services/{service_id}/fees": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The fees a service charges: its own, else the agency's default.
         * @description Roles: worker, admin.
         */
        get: operations["get_fees"];
        /**
         * Set a service's own fees, in place of the agency's default.
         * @description Roles: worker, admin.
         */
        put: operations["set_fees"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The agency's billing settings: its currency, and whether clients pay online and through which provider.
         * @description Roles: worker, admin.
         */
        get: operations["get_settings"];
        /**
         * Change the agency's billing settings on the version read (the currency only while no invoice exists).
         * @description Roles: admin.
         */
        put: operations["update_settings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/billing/webhooks/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A payment provider tells how a payment ended.
         * @description The body is the provider's event as it sends it, read as raw bytes and not decoded here: the `Stripe-Signature` header (HMAC-SHA256 of the bytes, at most 5 minutes old) must verify before anything of it is used. A Stripe Event: `id`, `type` (`payment_intent.succeeded`, `payment_intent.payment_failed`, `payment_intent.canceled`; any other type is acknowledged and ignored) and `data.object`, the PaymentIntent with its `id`, `amount` and the `metadata` (`agency_id`, `client_id`, `payment_id`) billing gave it. The sandbox sends the same events, signed with `SANDBOX_WEBHOOK_SECRET`. A signature that does not verify answers 400 `invalid_signature` naming the header; a provider other than `sandbox` or `stripe`, 404.
         *
         *     Public: no sign-in.
         */
        post: operations["provider_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * Account
         * @description A client's account: running balances over all their invoices, payments, credits and refunds.
         */
        Account: {
            /** @description What the client owes, in minor units; negative: the client is in credit. */
            balance: number;
            client_id: string;
            /** @description Credit not yet applied to an invoice. */
            credit_available: number;
            /** @description Minor units (cents) of `currency`, summed over the account. */
            credited: number;
            /** @description An ISO 4217 currency code, like USD. */
            currency: string;
            /** @description Invoiced, net of voids. */
            invoiced: number;
            /** @description Minor units (cents) of `currency`, summed over the account. */
            paid: number;
            /** @description Whether the client can pay online. */
            payments_enabled: boolean;
            /**
             * @description Who takes the card: `sandbox` (test cards, no money moves) or `stripe` (Stripe's Payment Element collects the card).
             * @enum {unknown}
             */
            provider: "sandbox" | "stripe";
            /** @description Stripe's publishable key (`pk_...`) for Stripe.js, where the provider is Stripe and the agency's Stripe secret holds one (`publishable_key`); else null. */
            publishable_key: string | null;
            /** @description Minor units (cents) of `currency`, summed over the account. */
            refunded: number;
        };
        /**
         * CardPayment
         * @description A client's payment of (part of) one of their invoices through the agency's provider.
         */
        CardPayment: {
            /** @description A positive whole number of minor units (cents) of the agency's currency: 4500 is 45.00 USD. */
            amount: number;
            /** @default null */
            currency?: string | null;
            /** @description The provider's token or PaymentMethod id (the sandbox's: tok_visa, tok_chargeDeclined, tok_async). */
            payment_token: string;
        };
        /**
         * Credit
         * @description A credit issued, and the invoices it paid (in part).
         */
        Credit: {
            /** @description A positive whole number of minor units (cents) of the agency's currency: 4500 is 45.00 USD. */
            amount: number;
            applied: components["schemas"]["CreditApplied"][];
            client_id: string;
            credit_id: string;
            /** @description An ISO 4217 currency code, like USD. */
            currency: string;
            reason: string;
            /** @description What is left on the account for the next invoices. */
            unapplied: number;
        };
        /** CreditApplied */
        CreditApplied: {
            /** @description A positive whole number of minor units (cents) of the agency's currency: 4500 is 45.00 USD. */
            amount: number;
            invoice_id: string;
            /** @description The invoice's number, like INV-000001. */
            number: string;
        };
        Error: {
            error: {
                code: string;
                /** @description The field, parameter or header at fault. */
                field?: string;
                message: string;
            };
        };
        /**
         * Fees
         * @description A fee schedule and where it comes from: the service's own, else the agency's default (or none set).
         */
        Fees: {
            /** @description An ISO 4217 currency code, like USD. */
            currency: string;
            event_fee: number | null;
            late_cancel_fee: number | null;
            no_show_fee: number | null;
            service_id: string | null;
            source: ("agency" | "service") | null;
        };
        /**
         * FeesChange
         * @description A fee schedule: what each outcome of an event costs each of its clients (a fee left out is no fee).
         */
        FeesChange: {
            /** @default null */
            currency?: string | null;
            /** @default null */
            event_fee?: number | null;
            /** @default null */
            late_cancel_fee?: number | null;
            /** @default null */
            no_show_fee?: number | null;
        };
        /**
         * Health
         * @description The service answers: GET /<service>/health.
         */
        Health: {
            service: string;
            /** @enum {unknown} */
            status: "ok";
        };
        /**
         * History
         * @description A page of the Account History, newest first: invoices, voids, payments, credits and refunds with the running balance after each.
         */
        History: {
            cursor: string | null;
            entries: components["schemas"]["HistoryEntry"][];
        };
        /**
         * HistoryEntry
         * @description A line of the Account History: an entry that moved the client's balance, and the balance after it.
         */
        HistoryEntry: {
            /** @description How much it moved the balance, in minor units of `currency`: positive raises what the client owes (an invoice, a refund), negative lowers it (a payment, a credit, a void). */
            amount: number;
            /** @description When it moved the balance (UTC). */
            at: string;
            /** @description The account's balance after it, in minor units: what the client owes; negative: the client is in credit (as the account's balance). The newest entry's is the account's balance; each is the previous one's plus `amount`. */
            balance: number;
            /** @description An ISO 4217 currency code, like USD. */
            currency: string;
            description: string;
            entry_id: string;
            /** @description The invoice it concerns (none for a credit to the account). */
            invoice_id: string | null;
            invoice_number: string | null;
            /**
             * @description invoice (issued), void (an invoice voided), payment, credit, refund. A late cancellation's or no-show's fee is an invoice.
             * @enum {unknown}
             */
            kind: "credit" | "invoice" | "payment" | "refund" | "void";
            /** @description The service of that invoice, where it has one. */
            service_id: string | null;
        };
        /**
         * Invoice
         * @description An invoice and its money: what it charged, what is left to pay, how it was paid.
         */
        Invoice: {
            /** @description What is left to pay. */
            balance: number;
            client_id: string;
            /** @description Minor units (cents) of `currency`. */
            credited: number;
            /** @description An ISO 4217 currency code, like USD. */
            currency: string;
            due_date: string | null;
            event_id: string | null;
            invoice_id: string;
            /** @description A UTC instant, RFC 3339 with Z. */
            issued_at: string;
            /** @description The invoice's number, like INV-000001. */
            number: string;
            /** @description Paid, net of refunds. */
            paid: number;
            /** @description Held by payments the provider has not confirmed yet. */
            payment_pending: number;
            service_id: string | null;
            /** @enum {unknown} */
            status: "open" | "paid" | "partially_paid" | "void";
            /** @description Minor units (cents) of `currency`. */
            total: number;
            void_reason: string | null;
            voided_at: string | null;
        };
        /** InvoiceLine */
        InvoiceLine: {
            /** @description A positive whole number of minor units (cents) of the agency's currency: 4500 is 45.00 USD. */
            amount: number;
            description: string;
        };
        /**
         * InvoiceWithLines
         * @description An invoice with its lines.
         */
        InvoiceWithLines: {
            /** @description What is left to pay. */
            balance: number;
            client_id: string;
            /** @description Minor units (cents) of `currency`. */
            credited: number;
            /** @description An ISO 4217 currency code, like USD. */
            currency: string;
            due_date: string | null;
            event_id: string | null;
            invoice_id: string;
            /** @description A UTC instant, RFC 3339 with Z. */
            issued_at: string;
            lines: components["schemas"]["InvoiceLine"][];
            /** @description The invoice's number, like INV-000001. */
            number: string;
            /** @description Paid, net of refunds. */
            paid: number;
            /** @description Held by payments the provider has not confirmed yet. */
            payment_pending: number;
            service_id: string | null;
            /** @enum {unknown} */
            status: "open" | "paid" | "partially_paid" | "void";
            /** @description Minor units (cents) of `currency`. */
            total: number;
            void_reason: string | null;
            voided_at: string | null;
        };
        /**
         * Invoices
         * @description A page of an account's invoices, newest first.
         */
        Invoices: {
            cursor: string | null;
            invoices: components["schemas"]["Invoice"][];
        };
        /**
         * Line
         * @description One line of an invoice.
         */
        Line: {
            /** @description A positive whole number of minor units (cents) of the agency's currency: 4500 is 45.00 USD. */
            amount: number;
            description: string;
        };
        /**
         * NewCredit
         * @description A credit to a client's account: applied to the invoice named, else to the oldest open invoices; what is left is applied to the next invoices issued.
         */
        NewCredit: {
            /** @description A positive whole number of minor units (cents) of the agency's currency: 4500 is 45.00 USD. */
            amount: number;
            /** @default null */
            currency?: string | null;
            /** @default null */
            invoice_id?: string | null;
            reason: string;
        };
        /**
         * NewInvoice
         * @description An invoice staff issue to a client, with its lines (their total no more than the largest amount).
         */
        NewInvoice: {
            client_id: string;
            /** @default null */
            currency?: string | null;
            /** @default null */
            due_date?: string | null;
            lines: components["schemas"]["Line"][];
            /** @default null */
            service_id?: string | null;
        };
        /**
         * NewRefund
         * @description A refund of (part of) a received payment; without an amount, what is left of it (the body may be left out).
         */
        NewRefund: {
            /** @default null */
            amount?: number | null;
            /** @default null */
            reason?: string | null;
        };
        /**
         * OfflinePayment
         * @description A payment staff received outside the portal, against an invoice.
         */
        OfflinePayment: {
            /** @description A positive whole number of minor units (cents) of the agency's currency: 4500 is 45.00 USD. */
            amount: number;
            /** @default null */
            currency?: string | null;
            /** @enum {unknown} */
            method: "cash" | "cheque" | "other" | "transfer";
            /** @default null */
            reference?: string | null;
        };
        /**
         * Payment
         * @description A payment: pending until the provider confirms it, then succeeded or failed (offline payments succeed).
         */
        Payment: {
            /** @description A positive whole number of minor units (cents) of the agency's currency: 4500 is 45.00 USD. */
            amount: number;
            /** @description An ISO 4217 currency code, like USD. */
            currency: string;
            /** @default null */
            failure_code?: string | null;
            /** @default null */
            failure_message?: string | null;
            invoice_id: string;
            /** @enum {unknown} */
            method: "card" | "cash" | "cheque" | "other" | "transfer";
            payment_id: string;
            /** @description Minor units (cents) of `currency`. */
            refunded: number;
            /** @enum {unknown} */
            status: "failed" | "pending" | "succeeded";
        };
        /** Refund */
        Refund: {
            /** @description A positive whole number of minor units (cents) of the agency's currency: 4500 is 45.00 USD. */
            amount: number;
            payment_id: string;
            reason: string | null;
            refund_id: string;
            /** @enum {unknown} */
            status: "failed" | "pending" | "succeeded";
        };
        /** Settings */
        Settings: {
            /** @description An ISO 4217 currency code, like USD. */
            currency: string;
            payments_enabled: boolean;
            /** @enum {unknown} */
            provider: "sandbox" | "stripe";
            version: number;
        };
        /**
         * SettingsChange
         * @description The agency's billing settings, changed on the version read (settings not named keep their value).
         */
        SettingsChange: {
            /** @default null */
            currency?: string | null;
            /** @default null */
            payments_enabled?: boolean | null;
            /** @default null */
            provider?: ("sandbox" | "stripe") | null;
            version: number;
        };
        /**
         * Transaction
         * @description A payment, credit or refund on the account.
         */
        Transaction: {
            /** @description A positive whole number of minor units (cents) of the agency's currency: 4500 is 45.00 USD. */
            amount: number;
            /** @description A UTC instant, RFC 3339 with Z. */
            at: string;
            /** @description An ISO 4217 currency code, like USD. */
            currency: string;
            invoice_id: string | null;
            invoice_number: string | null;
            method: ("card" | "cash" | "cheque" | "other" | "transfer") | null;
            note: string | null;
            payment_id: string | null;
            refund_id: string | null;
            transaction_id: string;
            /** @enum {unknown} */
            type: "credit" | "payment" | "refund";
        };
        /**
         * Transactions
         * @description A page of an account's payments, credits and refunds, newest first.
         */
        Transactions: {
            cursor: string | null;
            transactions: components["schemas"]["Transaction"][];
        };
        /**
         * VoidReason
         * @description Why an unpaid invoice is voided (the body may be left out).
         */
        VoidReason: {
            /** @default null */
            reason?: string | null;
        };
        /**
         * WebhookReceipt
         * @description The provider's event was verified and taken in.
         */
        WebhookReceipt: {
            /** @description Whether it settled one of our pending payments (false for a duplicate, an event about a payment settled already or of no payment of ours, and an event with nothing to settle). */
            applied: boolean;
            received: boolean;
        };
    };
    responses: {
        /** @description Invalid input; `error.field` names the field (`invalid_field`, `missing_field`, `unknown_field`, `invalid_json`, or a code of the service). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description A rule, a version or a concurrent change says no (`conflict`, or a code of the service). */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The caller's role, or their relation to the data, does not allow this (`forbidden`). */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No such resource, or none the caller may see (`not_found`). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No valid ID token (`unauthorized`). */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body was not sent as `application/json` (`unsupported_media_type`). */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    client_account: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                client_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    issue_credit: {
        parameters: {
            query?: never;
            header?: {
                /** @description A retry with the same key answers what the first call did; the same key with another body answers 409 `idempotency_key_reused`. */
                "Idempotency-Key"?: string;
            };
            path: {
                client_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewCredit"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Credit"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    client_history: {
        parameters: {
            query?: {
                service_id?: string | null;
                cursor?: string | null;
            };
            header?: never;
            path: {
                client_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["History"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    client_invoices: {
        parameters: {
            query?: {
                service_id?: string | null;
                status?: ("open" | "paid" | "partially_paid" | "void") | null;
                cursor?: string | null;
            };
            header?: never;
            path: {
                client_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoices"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    client_transactions: {
        parameters: {
            query?: {
                cursor?: string | null;
            };
            header?: never;
            path: {
                client_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Transactions"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    get_default_fees: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fees"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    set_default_fees: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["FeesChange"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fees"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            400: components["responses"]["BadRequest"];
        };
    };
    issue_invoice: {
        parameters: {
            query?: never;
            header?: {
                /** @description A retry with the same key answers what the first call did; the same key with another body answers 409 `idempotency_key_reused`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewInvoice"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceWithLines"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    get_invoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invoice_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceWithLines"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    record_payment: {
        parameters: {
            query?: never;
            header?: {
                /** @description A retry with the same key answers what the first call did; the same key with another body answers 409 `idempotency_key_reused`. */
                "Idempotency-Key"?: string;
            };
            path: {
                invoice_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OfflinePayment"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    void_invoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invoice_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["VoidReason"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    my_account: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    my_history: {
        parameters: {
            query?: {
                service_id?: string | null;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["History"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    my_invoices: {
        parameters: {
            query?: {
                service_id?: string | null;
                status?: ("open" | "paid" | "partially_paid" | "void") | null;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoices"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    my_invoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invoice_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceWithLines"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    pay_invoice: {
        parameters: {
            query?: never;
            header: {
                /** @description A retry with the same key answers what the first call did; the same key with another body answers 409 `idempotency_key_reused`. */
                "Idempotency-Key": string;
            };
            path: {
                invoice_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CardPayment"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    my_fees: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                service_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fees"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    my_transactions: {
        parameters: {
            query?: {
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Transactions"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    refund_payment: {
        parameters: {
            query?: never;
            header?: {
                /** @description A retry with the same key answers what the first call did; the same key with another body answers 409 `idempotency_key_reused`. */
                "Idempotency-Key"?: string;
            };
            path: {
                payment_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["NewRefund"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Refund"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    get_fees: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                service_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fees"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    set_fees: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                service_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["FeesChange"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fees"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    get_settings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Settings"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    update_settings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SettingsChange"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Settings"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    provider_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookReceipt"];
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
}
