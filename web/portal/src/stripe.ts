/**
 * Stripe.js, loaded only when the agency takes cards through Stripe (never in the first load, never for the
 * sandbox): Stripe's own Payment Element collects the card, so no card number ever passes through the portal. The
 * portal then sends the PaymentMethod's id (`pm_...`) as the payment's token; billing confirms the PaymentIntent.
 *
 * Not exercised against Stripe here (no network to Stripe in tests): the loader's script and the calls follow
 * Stripe's documented deferred-intent flow (`elements({mode: "payment", paymentMethodCreation: "manual"})`,
 * `elements.submit()`, `stripe.createPaymentMethod({elements})`).
 */

export const STRIPE_JS = "https://js.stripe.com/v3/";

/** The small part of Stripe.js the portal uses. */
export interface StripeElement {
  mount(target: HTMLElement): void;
  destroy(): void;
}
export interface StripeElements {
  create(type: "payment", options?: Record<string, unknown>): StripeElement;
  update(options: Record<string, unknown>): void;
  submit(): Promise<{ error?: { message?: string } }>;
}
export interface StripeClient {
  elements(options: Record<string, unknown>): StripeElements;
  createPaymentMethod(options: {
    elements: StripeElements;
  }): Promise<{ paymentMethod?: { id: string }; error?: { message?: string } }>;
}
type StripeFactory = (publishableKey: string) => StripeClient;

let loading: Promise<StripeFactory> | null = null;

/** Add Stripe.js's script once (the CSP of the deployed portal allows js.stripe.com) and wait for it. */
export function loadStripe(doc: Document = document): Promise<StripeFactory> {
  const ready = () => (globalThis as unknown as { Stripe?: StripeFactory }).Stripe;
  if (ready()) return Promise.resolve(ready()!);
  loading ??= new Promise<StripeFactory>((resolve, reject) => {
    const script = doc.createElement("script");
    script.src = STRIPE_JS;
    script.async = true;
    script.onload = () => (ready() ? resolve(ready()!) : reject(new Error("Stripe.js did not start.")));
    script.onerror = () => {
      loading = null; // try again next time
      reject(new Error("Stripe.js could not be loaded."));
    };
    doc.head.appendChild(script);
  });
  return loading;
}

/** A mounted Payment Element for an amount; `token()` makes the PaymentMethod the payment is made with. */
export async function mountPaymentElement(
  target: HTMLElement,
  publishableKey: string,
  amount: number,
  currency: string,
): Promise<{ token: () => Promise<string>; setAmount: (amount: number) => void; destroy: () => void }> {
  const stripe = (await loadStripe())(publishableKey);
  const elements = stripe.elements({
    mode: "payment",
    amount,
    currency: currency.toLowerCase(),
    paymentMethodCreation: "manual",
  });
  const element = elements.create("payment");
  element.mount(target);
  return {
    token: async () => {
      const submitted = await elements.submit();
      if (submitted.error) throw new Error(submitted.error.message ?? "");
      const made = await stripe.createPaymentMethod({ elements });
      if (made.error || !made.paymentMethod) throw new Error(made.error?.message ?? "");
      return made.paymentMethod.id;
    },
    setAmount: (next) => elements.update({ amount: next }),
    destroy: () => element.destroy(),
  };
}
