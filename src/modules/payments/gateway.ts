// A card/e-wallet payment gateway (Midtrans-compatible) behind a small interface, so the pay
// flow does not care whether it talks to Midtrans or to the demo gateway.

export interface ChargeRequest {
  /** Our payment id: the gateway's order_id, echoed back in its notifications. */
  paymentId: string;
  amount: bigint;
  orderNumber: string;
  buyer: { name: string; phone: string };
  expiresAt: Date;
}

export interface Charge {
  /** Where the buyer finishes paying (Snap redirect_url, or the demo gateway page). */
  redirectUrl: string;
  /** The gateway's token or transaction id, when it gives one. */
  reference: string | null;
}

export interface PaymentGateway {
  name: 'midtrans';
  /** Key that signs notifications (signature_key); from the environment, never the database. */
  serverKey: string;
  createCharge(request: ChargeRequest): Promise<Charge>;
}
