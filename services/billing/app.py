"""The billing service: fee schedules, invoices, the append-only ledger, payments and balances."""

from chalice import Chalice, Rate

from chalicelib.billing import api, consumers, sweep
from portalkit import clock
from portalkit.relay import handle_stream_batch

app = Chalice(app_name="portal-billing")
app.register_blueprint(api.blueprint)


@app.lambda_function(name="relay")
def relay(event, context):
    """The table's stream: publish new outbox items to the bus."""
    return handle_stream_batch(event)


@app.lambda_function(name="consumer")
def consumer(event, context):
    """This service's queue: apply the events it subscribes to."""
    return consumers.consumer.handle_batch(event)


@app.schedule(Rate(1, unit=Rate.MINUTES), name="sweep_payments")
def sweep_payments(event):
    """Every minute: ask providers again about payments and refunds left pending; give up stale payments."""
    return sweep.sweep(clock.now())
