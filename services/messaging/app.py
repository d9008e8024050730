"""The messaging service: discussions, inboxes, notification preferences and outgoing notifications."""

from chalice import Chalice, Rate

from chalicelib.messaging import api, consumers, emails, reminders
from portalkit import clock

app = Chalice(app_name="portal-messaging")
app.register_blueprint(api.blueprint)


@app.lambda_function(name="relay")
def relay(event, context):
    """The table's stream: publish new outbox items to the bus and send new email items through SES."""
    return emails.handle_stream(event)


@app.lambda_function(name="consumer")
def consumer(event, context):
    """This service's queue: apply the messages it subscribes to."""
    return consumers.consumer.handle_batch(event)


@app.schedule(Rate(1, unit=Rate.MINUTES), name="send_reminders")
def send_reminders(event):
    """Every minute: send the reminders now due (each once); plan again events whose agency changed its lead times."""
    return reminders.sweep(clock.now())
