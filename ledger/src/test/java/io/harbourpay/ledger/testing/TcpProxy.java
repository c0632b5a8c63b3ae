package io.harbourpay.ledger.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP proxy on the loopback interface for simulating database outages: it forwards each
 * connection to a target with two threads (one per direction), and on demand cuts every live
 * connection ({@link #cutAll}) or refuses new ones ({@link #setRefusing}). Cut and refused
 * connections are reset (RST), as when a server or a network path dies.
 */
public final class TcpProxy implements AutoCloseable {
  static final int CONNECTIONS_MAX = 64;
  static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final int BUFFER_BYTES = 16 * 1024;

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Thread acceptor;
  private final List<Socket> live = new ArrayList<>();
  private boolean refusing;
  private long connectionsAccepted;
  private long connectionsRefused;

  private TcpProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept-" + server.getLocalPort());
    acceptor.setDaemon(true);
  }

  /** Listens on 127.0.0.1 on a free port and forwards to {@code host:port}. */
  public static TcpProxy start(String host, int port) throws IOException {
    TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, port));
    proxy.acceptor.start();
    return proxy;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** While true, new connections are reset as soon as they are accepted. */
  public synchronized void setRefusing(boolean refusing) {
    this.refusing = refusing;
  }

  /** Resets every live connection, both sides. */
  public synchronized void cutAll() {
    for (Socket socket : live) {
      reset(socket);
    }
    live.clear();
  }

  public synchronized int liveConnections() {
    return live.size() / 2;
  }

  public synchronized long connectionsAccepted() {
    return connectionsAccepted;
  }

  public synchronized long connectionsRefused() {
    return connectionsRefused;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException closed) {
        return;
      }
      Socket upstream = null;
      try {
        if (!isAdmitted()) {
          reset(client);
          continue;
        }
        upstream = new Socket();
        upstream.connect(target, CONNECT_TIMEOUT_MS);
        if (!register(client, upstream)) {
          reset(client);
          reset(upstream);
          continue;
        }
      } catch (IOException failure) {
        reset(client);
        if (upstream != null) reset(upstream);
        continue;
      }
      startPump(client, upstream, "up");
      startPump(upstream, client, "down");
    }
  }

  private synchronized boolean isAdmitted() {
    if (refusing || live.size() / 2 >= CONNECTIONS_MAX) {
      connectionsRefused++;
      return false;
    }
    return true;
  }

  /** Checked again under the lock, so a cut cannot miss a connection being set up. */
  private synchronized boolean register(Socket client, Socket upstream) {
    if (refusing || server.isClosed()) {
      connectionsRefused++;
      return false;
    }
    live.add(client);
    live.add(upstream);
    connectionsAccepted++;
    return true;
  }

  private void startPump(Socket from, Socket to, String direction) {
    Thread pump =
        new Thread(
            () -> {
              byte[] buffer = new byte[BUFFER_BYTES];
              try {
                InputStream input = from.getInputStream();
                OutputStream output = to.getOutputStream();
                int read;
                while ((read = input.read(buffer)) >= 0) {
                  output.write(buffer, 0, read);
                  output.flush();
                }
              } catch (IOException ended) {
                // Cut, reset or closed by either side: the pair ends below.
              }
              release(from, to);
            },
            "tcp-proxy-" + direction + "-" + from.getPort());
    pump.setDaemon(true);
    pump.start();
  }

  /** One side ended: end the pair, so each peer sees what the other saw. */
  private synchronized void release(Socket from, Socket to) {
    live.remove(from);
    live.remove(to);
    closeQuietly(from);
    closeQuietly(to);
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (SocketException alreadyClosed) {
      // Nothing to reset.
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    cutAll();
    try {
      acceptor.join(CONNECT_TIMEOUT_MS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
