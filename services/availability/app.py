"""The availability service: when a worker can be booked: calendars, blocks, time off, slots, holds, bookings."""

from chalice import Chalice, Rate

from chalicelib.availability import api, consumers, holds
from portalkit import clock
from portalkit.relay import handle_stream_batch

app = Chalice(app_name="portal-availability")
app.register_blueprint(api.blueprint)


@app.lambda_function(name="relay")
def relay(event, context):
    """The table's stream: publish new outbox items to the bus."""
    return handle_stream_batch(event)


@app.lambda_function(name="consumer")
def consumer(event, context):
    """This service's queue: apply the events it subscribes to."""
    return consumers.consumer.handle_batch(event)


@app.schedule(Rate(1, unit=Rate.MINUTES), name="expire_holds")
def expire_holds(event):
    """Every minute: release holds whose time ran out, so abandoned requests free their slots."""
    return {"released": holds.expire_holds(clock.now())}
