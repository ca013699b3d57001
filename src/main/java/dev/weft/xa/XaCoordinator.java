package dev.weft.xa;

import com.arjuna.ats.arjuna.common.CoordinatorEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.RecoveryEnvironmentBean;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.common.JTAEnvironmentBean;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import dev.weft.config.ConfigProblem;
import dev.weft.config.WeftConfigException;
import jakarta.transaction.TransactionManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's two-phase-commit coordinator: Narayana's transaction manager with its log in
 * {@link XaSettings#logDir()}, and its recovery manager, which every {@link XaSettings#recoveryPeriod()}
 * (and at start) finishes the transactions that a crash or a lost connection left between prepare and
 * commit: those the log says committed are committed on every source, prepared branches of this node
 * that the log does not know are rolled back. Narayana is configured once per process, so this is a
 * singleton, started by the first runtime that offers a nested insert into another source.
 *
 * <pre>{@code
 * XaCoordinator.configure(new XaSettings(Path.of("/var/lib/weft/tx"), "weft-1", null)); // before the first start
 * XaCoordinator tm = XaCoordinator.started();
 * tm.recover();   // one recovery pass now
 * }</pre>
 */
public final class XaCoordinator {
    private static final Logger log = LoggerFactory.getLogger(XaCoordinator.class);
    private static XaSettings configured = XaSettings.defaults();
    private static XaCoordinator started;

    private final XaSettings settings;
    private final RecoveryManager recovery;
    private final XARecoveryModule module;
    private final List<RecoveryHelper> helpers = new java.util.ArrayList<>();

    private XaCoordinator(XaSettings settings, RecoveryManager recovery, XARecoveryModule module) {
        this.settings = settings;
        this.recovery = recovery;
        this.module = module;
    }

    /** The settings of the coordinator; they apply when it starts, later calls with other settings are logged and ignored. */
    public static synchronized void configure(XaSettings settings) {
        if (started != null && !started.settings.equals(settings)) {
            log.warn("weft.transactions changed after the transaction manager started (log in {}): the change applies after a restart",
                    started.settings.logDir());
            return;
        }
        configured = settings;
    }

    /** The settings it starts (or started) with. */
    public static synchronized XaSettings configured() {
        return started != null ? started.settings : configured;
    }

    /** The coordinator, started now if it was not: its log directory must be writable. */
    public static synchronized XaCoordinator started() {
        if (started == null) {
            started = start(configured);
        }
        return started;
    }

    public XaSettings settings() {
        return settings;
    }

    TransactionManager transactionManager() {
        return com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    /** Adds a source to recovery, and drops the sources of runtimes that have closed. */
    synchronized void register(RecoveryHelper helper) {
        helpers.removeIf(h -> {
            if (h.closed()) {
                module.removeXAResourceRecoveryHelper(h);
                return true;
            }
            return false;
        });
        helpers.add(helper);
        module.addXAResourceRecoveryHelper(helper);
    }

    /** One recovery pass now, over every registered source; returns when it is done. */
    public void recover() {
        recovery.scan();
    }

    private static XaCoordinator start(XaSettings settings) {
        Path dir = settings.logDir();
        requireWritable(dir);
        for (String store : new String[] {null, "communicationStore", "stateStore"}) {
            ObjectStoreEnvironmentBean bean = store == null ? BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class)
                    : BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, store);
            bean.setObjectStoreDir(dir.toAbsolutePath().toString());
        }
        CoreEnvironmentBean core = BeanPopulator.getDefaultInstance(CoreEnvironmentBean.class);
        try {
            core.setNodeIdentifier(settings.nodeId());
        } catch (CoreEnvironmentBeanException e) {
            throw new WeftConfigException(List.of(new ConfigProblem(null, "weft.transactions.node-id", e.getMessage())));
        }
        // a random process id rather than Narayana's default, which binds a socket to find one
        core.setProcessImplementationClassName("com.arjuna.ats.internal.arjuna.utils.UuidProcessId");
        CoordinatorEnvironmentBean coordinator = BeanPopulator.getDefaultInstance(CoordinatorEnvironmentBean.class);
        coordinator.setTransactionStatusManagerEnable(false); // a listening socket for remote recovery; not used
        RecoveryEnvironmentBean recovery = BeanPopulator.getDefaultInstance(RecoveryEnvironmentBean.class);
        recovery.setRecoveryListener(false);
        recovery.setPeriodicRecoveryPeriod((int) settings.recoveryPeriod().toSeconds());
        recovery.setRecoveryBackoffPeriod(1);
        recovery.setRecoveryModuleClassNames(List.of("com.arjuna.ats.internal.arjuna.recovery.AtomicActionRecoveryModule",
                "com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule"));
        recovery.setExpiryScannerClassNames(List.of());
        JTAEnvironmentBean jta = BeanPopulator.getDefaultInstance(JTAEnvironmentBean.class);
        jta.setXaRecoveryNodes(List.of(settings.nodeId())); // prepared branches of this node without a log entry roll back
        RecoveryManager manager = RecoveryManager.manager(RecoveryManager.INDIRECT_MANAGEMENT);
        XARecoveryModule module = XARecoveryModule.getRegisteredXARecoveryModule();
        if (module == null) {
            throw new IllegalStateException("Narayana started without its XA recovery module");
        }
        log.info("Two-phase commit: transaction log in {}, node {}, recovery every {} s", dir.toAbsolutePath(),
                settings.nodeId(), settings.recoveryPeriod().toSeconds());
        return new XaCoordinator(settings, manager, module);
    }

    /** Creates the log directory if needed; a config problem naming weft.transactions.log-dir when it cannot be written. */
    static void requireWritable(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw unwritable(dir, e.getClass().getSimpleName());
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw unwritable(dir, "not a writable directory");
        }
    }

    private static WeftConfigException unwritable(Path dir, String why) {
        return new WeftConfigException(List.of(new ConfigProblem(null, "weft.transactions.log-dir", "the transaction log directory "
                + dir.toAbsolutePath() + " cannot be used (" + why + "); set weft.transactions.log-dir to a writable, persistent directory")));
    }
}
