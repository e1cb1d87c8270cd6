package dev.agentserver.server.acp;

import dev.agentserver.protocol.acp.AcpClient;
import dev.agentserver.protocol.acp.ClientRequests.ReadTextFileRequest;
import dev.agentserver.protocol.acp.ClientRequests.WriteTextFileRequest;
import dev.agentserver.server.tools.FileAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Files as the editor sees them: reads through {@code fs/read_text_file} (so unsaved buffers count) and
 * writes through {@code fs/write_text_file} (so open buffers follow), each only when the client offered
 * it; the other half stays on the local disk.
 */
final class EditorFileAccess implements FileAccess {

    private final AcpClient client;
    private final ClientCalls calls;
    private final String sessionId;
    private final FileAccess local;
    private final boolean readsThroughEditor;
    private final boolean writesThroughEditor;

    EditorFileAccess(AcpClient client, ClientCalls calls, String sessionId, FileAccess local,
            boolean readsThroughEditor, boolean writesThroughEditor) {
        this.client = client;
        this.calls = calls;
        this.sessionId = sessionId;
        this.local = local;
        this.readsThroughEditor = readsThroughEditor;
        this.writesThroughEditor = writesThroughEditor;
    }

    @Override
    public String readText(Path path) throws IOException {
        if (!readsThroughEditor) {
            return local.readText(path);
        }
        try {
            return calls.await(client.readTextFile(new ReadTextFileRequest(sessionId, path.toString(), null, null)))
                    .content();
        } catch (ClientCalls.ClientError error) {
            // Editors answer a missing file with an error of their own choosing; tools need to tell
            // "no such file" apart (a write creates the file), and the editor runs on this machine.
            if (error.code() == AcpErrors.RESOURCE_NOT_FOUND || Files.notExists(path)) {
                throw new NoSuchFileException(path.toString());
            }
            throw new IOException("The editor could not read " + path + ": " + error.getMessage(), error);
        }
    }

    @Override
    public void writeText(Path path, String content) throws IOException {
        if (!writesThroughEditor) {
            local.writeText(path, content);
            return;
        }
        try {
            calls.await(client.writeTextFile(new WriteTextFileRequest(sessionId, path.toString(), content)));
        } catch (ClientCalls.ClientError error) {
            throw new IOException("The editor could not write " + path + ": " + error.getMessage(), error);
        }
    }
}
