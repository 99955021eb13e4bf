package dev.shadowstep.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.webjars.WebJarVersionLocator;

/**
 * The import map that lets the editor's ES modules import CodeMirror 6 by its npm names
 * ({@code @codemirror/view}, ...) from the webjars on the classpath, at their versioned paths.
 * The JSON is built once; the page prints exactly {@link #JSON} in a {@code <script type="importmap">}
 * and the Content-Security-Policy allows exactly that text by its hash ({@link #SCRIPT_SOURCE}),
 * so no {@code 'unsafe-inline'} is needed.
 */
public final class ImportMap {

    /** npm specifier to webjar name and file inside it. */
    private static final Map<String, String[]> MODULES = modules();

    /** The import map's text, as printed in the page. */
    public static final String JSON = build(new WebJarVersionLocator());

    /** The CSP source expression that allows {@link #JSON} as an inline script: {@code 'sha256-...'}. */
    public static final String SCRIPT_SOURCE = "'sha256-" + sha256(JSON) + "'";

    private ImportMap() {}

    private static Map<String, String[]> modules() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("@codemirror/state", new String[] {"codemirror__state", "dist/index.js"});
        m.put("@codemirror/view", new String[] {"codemirror__view", "dist/index.js"});
        m.put("@codemirror/language", new String[] {"codemirror__language", "dist/index.js"});
        m.put("@codemirror/commands", new String[] {"codemirror__commands", "dist/index.js"});
        m.put("@codemirror/lint", new String[] {"codemirror__lint", "dist/index.js"});
        m.put("@codemirror/autocomplete", new String[] {"codemirror__autocomplete", "dist/index.js"});
        m.put("@codemirror/legacy-modes/mode/gas", new String[] {"codemirror__legacy-modes", "mode/gas.js"});
        m.put("@codemirror/legacy-modes/mode/yaml", new String[] {"codemirror__legacy-modes", "mode/yaml.js"});
        m.put("@lezer/common", new String[] {"lezer__common", "dist/index.js"});
        m.put("@lezer/highlight", new String[] {"lezer__highlight", "dist/index.js"});
        m.put("@marijn/find-cluster-break", new String[] {"marijn__find-cluster-break", "src/index.js"});
        m.put("style-mod", new String[] {"style-mod", "src/style-mod.js"});
        m.put("w3c-keyname", new String[] {"w3c-keyname", "index.js"});
        m.put("crelt", new String[] {"crelt", "index.js"});
        return m;
    }

    /** Returns the import map for the webjar versions the locator finds; a missing webjar stops the start. */
    static String build(WebJarVersionLocator locator) {
        String imports = MODULES.entrySet().stream().map(e -> {
            String jar = e.getValue()[0];
            String version = locator.version(jar);
            if (version == null) throw new IllegalStateException("the webjar " + jar + " is not on the classpath");
            return "\"" + e.getKey() + "\":\"/webjars/" + jar + "/" + version + "/" + e.getValue()[1] + "\"";
        }).collect(Collectors.joining(","));
        return "{\"imports\":{" + imports + "}}";
    }

    /** Returns the base64 SHA-256 of the UTF-8 bytes, as CSP hash sources are written. */
    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
