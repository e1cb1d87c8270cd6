package dev.agentserver.server.llm;

import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.model.TokenUsage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The chat client's share of a streamed delta: an OpenAI-style {@code chat.completion.chunk} event from
 * the bytes of the HTTP body to the sink's {@code text} call. It calls only {@code SseReader.next} and
 * {@code CompletionStream.accept}, so the same file measures older versions of the chat client too.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"})
@State(Scope.Thread)
public class ChatStreamBenchmark {

    static final int EVENTS = 1000;

    private ByteArrayInputStream body;

    @Setup
    public void setUp() {
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < EVENTS; i++) {
            // the shape Kimi's and OpenAI's services send, with a short token as most deltas are
            stream.append("data: {\"id\":\"chatcmpl-6f1c2a\",\"object\":\"chat.completion.chunk\",\"created\":1764378000,")
                    .append("\"model\":\"kimi-for-coding\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" t")
                    .append(i).append("\"},\"finish_reason\":null}]}\n\n");
        }
        body = new ByteArrayInputStream(stream.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** SSE framing alone: bytes to events. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void sseReaderPerEvent(Blackhole consumed) throws IOException {
        body.reset();
        SseReader reader = new SseReader(body);
        SseEvent event;
        while ((event = reader.next()) != null) {
            consumed.consume(event);
        }
    }

    /** Framing and the chunk's JSON: bytes to the sink's text delta. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void chatStreamPerTextDelta(Blackhole consumed) throws IOException, ProviderException {
        body.reset();
        SseReader reader = new SseReader(body);
        CompletionStream completion = new CompletionStream(new ConsumingSink(consumed));
        SseEvent event;
        while ((event = reader.next()) != null) {
            completion.accept(event);
        }
    }

    /** Hands every delta to JMH's blackhole, so that nothing the stream produces can be optimised away. */
    private record ConsumingSink(Blackhole consumed) implements ChatSink {

        @Override
        public void text(String delta) {
            consumed.consume(delta);
        }

        @Override
        public void think(String delta) {
            consumed.consume(delta);
        }

        @Override
        public void media(ContentPart.Media part) {
            consumed.consume(part);
        }

        @Override
        public void toolCallStart(String id, String name, String arguments) {
            consumed.consume(arguments);
        }

        @Override
        public void toolCallArguments(String delta) {
            consumed.consume(delta);
        }

        @Override
        public void messageId(String id) {
            consumed.consume(id);
        }

        @Override
        public void usage(TokenUsage usage) {
            consumed.consume(usage);
        }
    }
}
