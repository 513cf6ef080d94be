package tansa.exposure.scan;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaMemoryLimitException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.ContentHandler;
import tansa.exposure.detect.TextScanner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Text extraction with Apache Tika, one document at a time on a worker thread that is abandoned
 * when it exceeds the time limit (Tika's documentation warns that parsers can loop or exhaust
 * memory): the scan goes on with a fresh worker. Owned by one {@link Scanner}; not thread-safe.
 */
final class TikaExtractor implements AutoCloseable {
    private static final Set<String> MAIL = Set.of("message/rfc822", "application/vnd.ms-outlook", "application/mbox");

    /** The result of one extraction. */
    record Result(FileStatus status, String mime, String error, List<Attachment> attachments) {
    }

    private final TikaConfig config;
    private final AutoDetectParser parser;
    private final Detector detector;
    private final Duration timeout;
    private final Members members;
    private ExecutorService worker;

    TikaExtractor(Duration timeout, Members members) {
        this.config = TikaConfig.getDefaultConfig();
        this.parser = new AutoDetectParser(config);
        this.detector = config.getDetector();
        this.timeout = timeout;
        this.members = members;
        this.worker = newWorker();
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tansa-extract");
            t.setDaemon(true);
            return t;
        });
    }

    String detect(Path file, String name) {
        Metadata md = new Metadata();
        md.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        try (TikaInputStream tis = TikaInputStream.get(file)) {
            MediaType t = detector.detect(tis, md);
            return t.getBaseType().toString();
        } catch (IOException | RuntimeException e) {
            return "application/octet-stream";
        }
    }

    /**
     * Extracts the text of file into the scanner through an abandonable sink.
     *
     * @param gate closed on timeout, after which the worker can no longer report findings
     */
    Result extract(Path file, String name, String mime, TextScanner scanner, Gate gate) {
        TextHandler handler = new TextHandler(scanner);
        List<Attachment> attachments = new ArrayList<>();
        boolean mail = MAIL.contains(mime);
        Future<Result> f = worker.submit(() -> parse(file, name, mime, handler, scanner, mail, attachments));
        long start = System.nanoTime();
        try {
            // The limit is on parsing: time the worker waited to hand findings on does not count.
            while (true) {
                long left = timeout.toNanos() - (System.nanoTime() - start - gate.handOffNanos());
                try {
                    return f.get(Math.max(left, 1), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (System.nanoTime() - start - gate.handOffNanos() >= timeout.toNanos()) {
                        throw e;
                    }
                }
            }
        } catch (TimeoutException e) {
            gate.close();
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            for (Attachment a : attachments) {
                members.delete(a.file());
            }
            return new Result(FileStatus.TIMEOUT, mime, "text extraction took longer than --timeout " + timeout.toSeconds() + "s; abandoned", List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gate.close();
            return new Result(FileStatus.TIMEOUT, mime, "interrupted", List.of());
        } catch (ExecutionException e) {
            return failure(e.getCause(), mime);
        }
    }

    private Result parse(Path file, String name, String mime, TextHandler handler, TextScanner scanner, boolean mail,
                         List<Attachment> attachments) {
        Metadata md = new Metadata();
        md.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        ParseContext ctx = new ParseContext();
        ctx.set(Parser.class, parser);
        if (mail) {
            ctx.set(EmbeddedDocumentExtractor.class, new MailAttachments(ctx, attachments));
        }
        try (TikaInputStream tis = TikaInputStream.get(file)) {
            parser.parse(tis, handler, md, ctx);
            mailHeaders(md, scanner);
            scanner.finish();
        } catch (Throwable t) {
            scanner.finish();
            return failure(t, mime);
        }
        String detected = md.get(Metadata.CONTENT_TYPE);
        String m = detected == null ? mime : MediaType.parse(detected) == null ? mime : MediaType.parse(detected).getBaseType().toString();
        FileStatus st = handler.visible() > 0 ? FileStatus.PARSED : attachments.isEmpty() ? FileStatus.NO_TEXT : FileStatus.PARSED;
        return new Result(st, m, null, List.copyOf(attachments));
    }

    /**
     * Scans an RFC 822 message's addresses and subject, after its body: Tika keeps an .eml's
     * headers in the metadata, not the text (its Outlook parser writes a .msg's into the text), and
     * a correspondent's address is personal data, a subject such as 【社外秘】 a marking.
     */
    private static void mailHeaders(Metadata md, TextScanner scanner) {
        String type = md.get(Metadata.CONTENT_TYPE);
        if (type == null || !type.startsWith("message/rfc822")) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (String[] h : MAIL_HEADERS) {
            for (String v : md.getValues(h[1])) {
                sb.append('\n').append(h[0]).append(": ").append(v);
            }
        }
        sb.append('\n');
        scanner.append(sb);
    }

    /** Header names as written before the values, and Tika's metadata keys for them. */
    private static final String[][] MAIL_HEADERS = {
        {"From", "Message-From"}, {"To", "Message-To"}, {"Cc", "Message-Cc"}, {"Bcc", "Message-Bcc"}, {"Subject", "dc:subject"},
    };

    /** Maps what a parser threw to a status and one line; never a stack trace. */
    static Result failure(Throwable t, String mime) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof Gate.Closed) {
                return new Result(FileStatus.TIMEOUT, mime, "abandoned after --timeout", List.of());
            }
            if (c instanceof EncryptedDocumentException || c instanceof org.apache.poi.EncryptedDocumentException
                    || c.getClass().getName().endsWith("InvalidPasswordException")) {
                return new Result(FileStatus.PASSWORD_PROTECTED, mime, "document is password-protected", List.of());
            }
            if (c instanceof ZeroByteFileException) {
                return new Result(FileStatus.EMPTY, mime, null, List.of());
            }
            if (c instanceof TikaMemoryLimitException || c instanceof OutOfMemoryError) {
                return new Result(FileStatus.TOO_LARGE, mime, "parser exceeded its memory limit: " + Problems.brief(c), List.of());
            }
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new Result(FileStatus.CORRUPTED, mime, "cannot parse as " + mime + ": " + Problems.brief(root), List.of());
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    /** Mail attachments become members ({@code mail.eml!/report.docx}); message bodies are parsed in place. */
    private final class MailAttachments implements EmbeddedDocumentExtractor {
        private final ParsingEmbeddedDocumentExtractor inline;
        private final List<Attachment> out;

        MailAttachments(ParseContext ctx, List<Attachment> out) {
            this.inline = new ParsingEmbeddedDocumentExtractor(ctx);
            this.out = out;
        }

        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return true;
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
                throws org.xml.sax.SAXException, IOException {
            String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
            String type = metadata.get(Metadata.CONTENT_TYPE);
            boolean body = type != null && type.toLowerCase(Locale.ROOT).startsWith("message/");
            if (name == null || name.isBlank() || body) {
                inline.parseEmbedded(stream, handler, metadata, outputHtml);
                return;
            }
            out.add(members.copy(name.strip(), stream, -1));
        }
    }
}
