const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const devUrl = "https://localhost:3000/";
/** Where the production build is hosted; the manifest's dev URLs are rewritten to it. */
const prodUrl = process.env.ADDIN_URL || devUrl;

async function httpsOptions() {
  try {
    const devCerts = require("office-addin-dev-certs");
    const { ca, key, cert } = await devCerts.getHttpsServerOptions();
    return { type: "https", options: { ca, key, cert } };
  } catch (error) {
    console.warn(`Dev certificates unavailable (${error.message}); serving over http.`);
    return { type: "http" };
  }
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: ["./src/taskpane/index.tsx", "./src/taskpane/taskpane.html"],
      commands: ["./src/commands/commands.ts", "./src/commands/commands.html"],
      notification: ["./src/commands/notification.ts", "./src/commands/notification.html"],
      // Browser workbook host (demo and e2e only): the page, and the bridge served instead of Office.js.
      workbookHost: ["./src/workbook-host/index.tsx", "./src/workbook-host/workbook-host.html"],
      officeBridge: { import: "./src/workbook-host/office-bridge.ts", filename: "office-bridge.js" },
    },
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].[contenthash:8].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        { test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true } } },
        { test: /\.html$/, exclude: /node_modules/, use: "html-loader" },
        { test: /\.(png|jpg|jpeg|gif|ico)$/, type: "asset/resource", generator: { filename: "assets/[name][ext][query]" } },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
      new HtmlWebpackPlugin({ filename: "notification.html", template: "./src/commands/notification.html", chunks: ["notification"] }),
      new HtmlWebpackPlugin({ filename: "workbook-host.html", template: "./src/workbook-host/workbook-host.html", chunks: ["workbookHost"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext][query]" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform: (content) => (dev ? content : content.toString().replace(new RegExp(devUrl, "g"), prodUrl)),
          },
        ],
      }),
    ],
    performance: { hints: false },
    devServer: {
      hot: true,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: env.WEBPACK_BUILD ? undefined : await httpsOptions(),
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
};
