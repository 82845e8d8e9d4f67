import type { DeniedEnvFamily } from './denied-env-families';

/** Libraries and clients around a server: TLS, plugins, VCS, containers, cloud, config dirs, proxies. */
export const SYSTEM_ENV_FAMILIES: readonly DeniedEnvFamily[] = [
  {
    // OPENSSL_CONF names providers and engines as .so files (shown loading one into node).
    family: 'TLS library configuration',
    why: 'can load code or write session keys to a file',
    names: ['SSLKEYLOGFILE'],
    prefixes: ['OPENSSL_', 'GNUTLS_'],
  },
  {
    family: 'TLS trust configuration',
    why: 'can replace the certificate authorities a client trusts or turn verification off',
    names: [
      'SSL_CERT_FILE',
      'SSL_CERT_DIR',
      'NODE_EXTRA_CA_CERTS',
      'NODE_TLS_REJECT_UNAUTHORIZED',
      'REQUESTS_CA_BUNDLE',
      'CURL_CA_BUNDLE',
      'PYTHONHTTPSVERIFY',
      'AWS_CA_BUNDLE',
      'GRPC_DEFAULT_SSL_ROOTS_FILE_PATH',
    ],
    prefixes: [],
  },
  {
    // krb5.conf [plugins] and Cyrus SASL load shared objects; so do GTK, GStreamer, Qt and
    // Vulkan, which headless browsers bring along.
    family: 'library plugin configuration',
    why: 'can load shared libraries as plugins',
    names: [
      'SASL_PATH',
      'SASL_CONF_PATH',
      'GIO_MODULE_DIR',
      'GIO_EXTRA_MODULES',
      'GTK_PATH',
      'GTK_MODULES',
      'QT_PLUGIN_PATH',
      'QT_QPA_PLATFORM_PLUGIN_PATH',
      'VK_ICD_FILENAMES',
      'VK_DRIVER_FILES',
      'VK_ADD_DRIVER_FILES',
      'VK_LAYER_PATH',
      'VK_ADD_LAYER_PATH',
      'VK_INSTANCE_LAYERS',
      'LIBGL_DRIVERS_PATH',
      'LIBVA_DRIVERS_PATH',
    ],
    prefixes: ['KRB5', 'GST_PLUGIN_', '__EGL_VENDOR_LIBRARY_'],
  },
  {
    // Package managers run git for git dependencies. GIT_CONFIG_COUNT/KEY_n/VALUE_n set any
    // option (core.sshCommand, core.fsmonitor), GIT_DIR picks a repository whose hooks run.
    family: 'version control and SSH configuration',
    why: 'can run hooks and helper commands or borrow SSH keys',
    names: ['HG', 'HGRCPATH', 'HGRCSKIPREPO', 'HGEDITOR', 'HGMERGE', 'CVS_RSH', 'SSH_ASKPASS', 'SSH_ASKPASS_REQUIRE', 'SSH_AUTH_SOCK'],
    prefixes: ['GIT_', 'SVN_'],
  },
  {
    // DOCKER_CONFIG's credsStore runs docker-credential-<name>; a kubeconfig's exec plugin
    // runs a program; a session bus can start systemd units as the API's user.
    family: 'container engine and cluster client configuration',
    why: 'can point a client at a daemon or cluster that runs what it is told, or at helpers it executes',
    names: [
      'CONTAINER_HOST',
      'CONTAINER_CONNECTION',
      'REGISTRY_AUTH_FILE',
      'KUBECONFIG',
      'DBUS_SESSION_BUS_ADDRESS',
      'DBUS_SYSTEM_BUS_ADDRESS',
    ],
    prefixes: ['DOCKER_', 'CONTAINERS_', 'CONTAINERD_', 'COMPOSE_', 'KUBECTL_', 'HELM_'],
  },
  {
    // An AWS config's credential_process and Google's executable-sourced credentials run a program.
    family: 'cloud credential configuration',
    why: 'can point at a config whose credential helper runs a program',
    names: [
      'AWS_CONFIG_FILE',
      'AWS_SHARED_CREDENTIALS_FILE',
      'GOOGLE_EXTERNAL_ACCOUNT_ALLOW_EXECUTABLES',
      'CLOUDSDK_CONFIG',
      'CLOUDSDK_PYTHON',
      'AZURE_CONFIG_DIR',
    ],
    prefixes: [],
  },
  {
    // The API's own HOME is inherited (child-environment.ts); a config may not choose another.
    family: 'configuration directory redirection',
    why: 'makes tools read their startup and config files (.npmrc, .gitconfig, .bashrc, pip.conf) from elsewhere',
    names: ['HOME', 'CURL_HOME', 'WGETRC', 'NETRC', 'GNUPGHOME', 'INPUTRC'],
    prefixes: ['XDG_'],
  },
  {
    // curl reads http_proxy only in lower case, Python's urllib any case, Go both.
    family: 'proxy configuration',
    why: "can send the program's traffic, tokens included, through a host of the config's choosing",
    names: ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'FTP_PROXY', 'GRPC_PROXY'],
    prefixes: [],
    anyCase: true,
  },
];
