"""The availability service: when a worker can be booked: calendars, blocks, time off, slots, holds, bookings."""

from chalice import Chalice

from chalicelib.availability import api, consumers
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
