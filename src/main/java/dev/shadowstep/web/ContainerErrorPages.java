package dev.shadowstep.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Gives the pages Tomcat writes itself (a request line it cannot parse: 400; an HTTP version it
 * does not speak: 505; ...) the same security headers as every other page. Those requests never
 * reach a filter, so Tomcat's error report valve sets them ({@link HeadersErrorReportValve}), and
 * shows no server version or exception report.
 */
@Component
class ContainerErrorPages implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(HeadersErrorReportValve.class.getName());
            }
        });
    }

    /** Tomcat's error report valve, with the security headers and without server details. */
    public static final class HeadersErrorReportValve extends ErrorReportValve {

        public HeadersErrorReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            if (!response.isCommitted()) {
                String uri = request.getDecodedRequestURI();
                SecurityHeadersFilter.apply(uri == null ? "" : uri, response);
            }
            super.report(request, response, throwable);
        }
    }
}
