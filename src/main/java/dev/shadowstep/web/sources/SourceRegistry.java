package dev.shadowstep.web.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The public sources shadowstep cites, read once from {@code sources/sources.yaml}. */
@Component
public class SourceRegistry {

    static final String RESOURCE = "/sources/sources.yaml";

    private final List<Source> sources;
    private final Citations citations;

    public SourceRegistry() {
        this.sources = load();
        this.citations = new Citations(sources);
    }

    /** Reads the registry without Spring (tests, the CLI). */
    public static List<Source> load() {
        try (InputStream in = SourceRegistry.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return List.copyOf(YAMLMapper.builder().build().readValue(in, new TypeReference<List<Source>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Source> all() {
        return sources;
    }

    public Citations citations() {
        return citations;
    }

    public Optional<Source> find(String id) {
        return sources.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
