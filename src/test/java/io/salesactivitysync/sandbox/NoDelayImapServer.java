package io.salesactivitysync.sandbox;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.net.SocketException;

/**
 * GreenMail's IMAP server, answering without delay: GreenMail writes a response in several small
 * writes, and with Nagle's algorithm on (the JDK's default) each command then waits for the
 * client's delayed acknowledgement, tens of milliseconds, so that the sandbox drained a mailbox at
 * a couple of emails a second. This server sets TCP_NODELAY on each connection; the rest is
 * GreenMail's ImapServer as it is (which is final, hence the copy of its one method).
 */
final class NoDelayImapServer extends AbstractServer {

    private final Managers managers;

    NoDelayImapServer(ServerSetup setup, Managers managers) {
        super(setup, managers);
        this.managers = managers;
    }

    @Override
    protected ProtocolHandler createProtocolHandler(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
        } catch (SocketException e) {
            // a connection already gone: the handler finds out
        }
        return new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), socket);
    }
}
