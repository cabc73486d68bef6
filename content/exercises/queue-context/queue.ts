// A minimal message queue: an in-memory list of messages. Real brokers (Kafka, RabbitMQ, SQS)
// also carry metadata next to the body: here it is `headers`, and it is the carrier for trace
// context and baggage.

export interface QueueMessage {
  topic: string;
  /** The payload, as text. */
  body: string;
  /** Metadata sent with the message. Values must be strings. */
  headers: Record<string, string>;
}

import { observe } from '@course/sandbox';

const messages: QueueMessage[] = [];

/** Sends a message. The queue stores a copy, as a broker would. */
export function publish(message: QueueMessage): void {
  const stored = { topic: message.topic, body: message.body, headers: { ...message.headers } };
  messages.push(stored);
  // Tells the checks what was published, directly: a printed line could be printed by anyone.
  observe(`published ${stored.topic}`, stored.headers);
  console.log(`queue: ${stored.topic} published with headers ${JSON.stringify(stored.headers)}`);
}

/** Takes the oldest message of a topic off the queue, or undefined when there is none. */
export function take(topic: string): QueueMessage | undefined {
  const at = messages.findIndex((m) => m.topic === topic);
  return at < 0 ? undefined : messages.splice(at, 1)[0];
}
