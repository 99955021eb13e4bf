package dev.shadowstep.web.scenariopage;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** Lets slice tests of other packages (the editor, the comparison) follow their redirects to run pages. */
@TestConfiguration(proxyBeanMethods = false)
@Import(RunPageController.class)
public class RunPageControllerAccess {}
