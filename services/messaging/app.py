"""The messaging service: discussions, inboxes, notification preferences and outgoing notifications."""

from chalice import Chalice

from chalicelib.messaging import api, consumers, emails

app = Chalice(app_name="portal-messaging")
app.register_blueprint(api.blueprint)


@app.lambda_function(name="relay")
def relay(event, context):
    """The table's stream: publish new outbox items to the bus and send new email items through SES."""
    return emails.handle_stream(event)


@app.lambda_function(name="consumer")
def consumer(event, context):
    """This service's queue: apply the events it subscribes to."""
    return consumers.consumer.handle_batch(event)
