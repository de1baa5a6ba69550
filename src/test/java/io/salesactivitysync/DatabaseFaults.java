package io.salesactivitysync;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's real DataSource with faults a flow test can switch on, to see what a route
 * does when the database goes away or two requests race: refuse new connections, fail the
 * statements whose SQL matches (as a dropped connection fails them: SQLState 08006), or hold
 * matching statements until several requests have reached them. Off by default; {@link #reset()}
 * switches everything off. Installed by {@link FlowTest} around the {@code dataSource} bean.
 */
public final class DatabaseFaults extends DelegatingDataSource {

    private volatile boolean refuseConnections;
    private volatile Predicate<String> failing = sql -> false;
    private volatile Predicate<String> held = sql -> false;
    private volatile CyclicBarrier gate;
    private volatile Predicate<String> refusing = sql -> false;
    private volatile String refusedValue;

    DatabaseFaults(DataSource target) {
        super(target);
    }

    /** New connections fail, as when the database server is down. */
    public void refuseConnections() {
        refuseConnections = true;
    }

    /** Statements whose SQL contains the text (case-insensitive) fail as on a lost connection. */
    public void failStatementsContaining(String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        failing = sql -> sql.toLowerCase(Locale.ROOT).contains(wanted);
    }

    /**
     * Statements whose SQL contains the text wait until {@code parties} of them are waiting, then
     * all run at once: a way to make requests race inside the store.
     */
    public void holdStatementsContaining(String text, int parties) {
        String wanted = text.toLowerCase(Locale.ROOT);
        gate = new CyclicBarrier(parties);
        held = sql -> sql.toLowerCase(Locale.ROOT).contains(wanted);
    }

    /**
     * Statements whose SQL contains the text and one of whose values contains {@code value} fail as
     * a constraint the row breaks would fail them (SQLState 23514): one record the database refuses
     * among others it takes.
     */
    public void refuseRowsHolding(String sqlText, String value) {
        String wanted = sqlText.toLowerCase(Locale.ROOT);
        refusedValue = value;
        refusing = sql -> sql.toLowerCase(Locale.ROOT).contains(wanted);
    }

    public void reset() {
        refusing = sql -> false;
        refusedValue = null;
        refuseConnections = false;
        failing = sql -> false;
        held = sql -> false;
        gate = null;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (refuseConnections) {
            throw new SQLNonTransientConnectionException("Connection refused (simulated database outage)", "08001");
        }
        Connection connection = super.getConnection();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new FaultyConnection(connection));
    }

    private final class FaultyConnection implements InvocationHandler {
        private final Connection target;

        FaultyConnection(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().startsWith("prepare") && args != null && args.length > 0 && args[0] instanceof String sql) {
                if (failing.test(sql)) {
                    throw new SQLNonTransientConnectionException("An I/O error occurred while sending to the backend"
                            + " (simulated database outage)", "08006");
                }
                CyclicBarrier barrier = gate;
                if (barrier != null && held.test(sql)) {
                    barrier.await(30, TimeUnit.SECONDS);
                }
            }
            Object answer;
            try {
                answer = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (answer instanceof PreparedStatement statement && args != null && args.length > 0
                    && args[0] instanceof String sql && refusing.test(sql)) {
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                        new RefusingStatement(statement, refusedValue));
            }
            return answer;
        }
    }

    /** A statement that fails when it runs with a value holding the refused text. */
    private static final class RefusingStatement implements InvocationHandler {
        private final PreparedStatement target;
        private final String refused;
        private boolean holdsRefused;

        RefusingStatement(PreparedStatement target, String refused) {
            this.target = target;
            this.refused = refused;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length > 1 && args[1] instanceof String value
                    && refused != null && value.contains(refused)) {
                holdsRefused = true;
            }
            if (name.startsWith("execute") && holdsRefused) {
                throw new SQLIntegrityConstraintViolationException(
                        "new row violates check constraint (simulated: a value holds \"" + refused + "\")", "23514");
            }
            if (name.equals("clearParameters")) {
                holdsRefused = false;
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** Wraps the application's {@code dataSource} bean (see {@link FlowTest}). */
    static final class Installer implements BeanPostProcessor {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            return bean instanceof DataSource dataSource && "dataSource".equals(beanName) ? new DatabaseFaults(dataSource) : bean;
        }
    }
}
