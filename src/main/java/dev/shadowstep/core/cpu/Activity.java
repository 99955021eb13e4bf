package dev.shadowstep.core.cpu;

/** The activity state: running, or halted by HLT until an unmasked interrupt or NMI. */
public enum Activity {
    ACTIVE, HLT
}
