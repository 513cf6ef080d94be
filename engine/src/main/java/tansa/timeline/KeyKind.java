package tansa.timeline;

/** What a timeline entry is: a key event of one of these kinds, a Sigma detection, or an indicator hit. */
public enum KeyKind {
    LOGON("logon", "Logon"),
    LOGON_FAILED("logon_failed", "Failed logon"),
    EXPLICIT_CREDENTIALS("explicit_credentials", "Explicit credentials"),
    PROCESS("process", "Process start"),
    SERVICE_INSTALL("service_install", "Service installed"),
    SCHEDULED_TASK("scheduled_task", "Scheduled task"),
    LOG_CLEARED("log_cleared", "Log cleared"),
    RDP("rdp", "RDP"),
    ACCOUNT_CHANGE("account_change", "Account change"),
    DETECTION("detection", "Sigma detection"),
    IOC("ioc", "IOC match");

    private final String id;
    private final String label;

    KeyKind(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name outputs use ({@code logon_failed}). */
    public String id() {
        return id;
    }

    /** How a message starts ({@code Failed logon}). */
    public String label() {
        return label;
    }
}
