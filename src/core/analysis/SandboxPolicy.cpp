#include "core/analysis/SandboxPolicy.h"

#include "core/analysis/AnalysisRules.h"
#include "core/analysis/ParseTree.h"

#include <QMap>

namespace locklab {

using namespace ParseTree;

namespace {
const QMap<QString, QString>& refusedStatements()
{
    static const QMap<QString, QString> map {
        { "AlterSystemStmt", "ALTER SYSTEM changes the whole server's configuration" },
        { "CreateRoleStmt", "roles belong to the whole server, not to the sandbox" },
        { "AlterRoleStmt", "roles belong to the whole server, not to the sandbox" },
        { "AlterRoleSetStmt", "roles belong to the whole server, not to the sandbox" },
        { "DropRoleStmt", "roles belong to the whole server, not to the sandbox" },
        { "GrantRoleStmt", "roles belong to the whole server, not to the sandbox" },
        { "ReassignOwnedStmt", "REASSIGN OWNED reaches every object of a role" },
        { "DropOwnedStmt", "DROP OWNED reaches every object of a role" },
        { "CreatedbStmt", "it works on another database" },
        { "DropdbStmt", "DROP DATABASE works on another database" },
        { "AlterDatabaseStmt", "it changes a database, not tables of the sandbox" },
        { "AlterDatabaseSetStmt", "it changes a database, not tables of the sandbox" },
        { "CreateTableSpaceStmt", "tablespaces are directories on the server" },
        { "DropTableSpaceStmt", "tablespaces are directories on the server" },
        { "AlterTableSpaceOptionsStmt", "tablespaces are directories on the server" },
        { "AlterTableMoveAllStmt", "tablespaces are directories on the server" },
        { "LoadStmt", "LOAD loads a library file of the server" },
        { "CheckPointStmt", "CHECKPOINT works on the whole server" },
        { "DoStmt", "a DO block runs code the sandbox cannot inspect: run its statements directly" },
        { "CreateFdwStmt", "foreign data wrappers reach outside the sandbox" },
        { "CreateForeignServerStmt", "foreign servers reach outside the sandbox" },
        { "CreateUserMappingStmt", "user mappings reach outside the sandbox" },
        { "ImportForeignSchemaStmt", "foreign tables reach outside the sandbox" },
        { "CreateSubscriptionStmt", "subscriptions connect to other servers" },
        { "CreatePublicationStmt", "publications work for the whole database" },
        { "CreateEventTrigStmt", "event triggers act on the whole database" },
        { "CreateSchemaStmt", "the page runs in a schema of its own; create tables in it instead" },
        { "AlterExtensionStmt", "extensions belong to the whole database" },
    };
    return map;
}
} // namespace

QString SandboxPolicy::refusal(const QJsonObject& node, const AnalysisContext& context)
{
    const QString type = nodeType(node);
    const QJsonObject fields = body(node);
    const QString listed = refusedStatements().value(type);
    if (!listed.isEmpty())
        return listed + ".";
    if (type == "CopyStmt" && (fields.value("is_program").toBool() || fields.contains("filename")))
        return "COPY with PROGRAM or a file name reads or writes the server's files or runs a program.";
    if (type == "VariableSetStmt") {
        const QString name = fields.value("name").toString().toLower();
        if (name == "role" || name == "session_authorization" || name == "search_path")
            return QString("SET %1 would leave the sandbox's schema or user.").arg(name);
    }
    if (type == "TransactionStmt" && fields.value("kind").toString().contains("PREPARED"))
        return "prepared transactions outlive the session and keep their locks.";
    if (type == "CreateFunctionStmt") {
        for (const QJsonValue& v : fields.value("options").toArray()) {
            const QJsonObject def = v.toObject().value("DefElem").toObject();
            if (def.value("defname").toString() == "language") {
                const QString language
                    = def.value("arg").toObject().value("String").toObject().value("sval").toString();
                if (language == "c" || language == "internal" || language.endsWith('u'))
                    return QString("functions in LANGUAGE %1 run code on the server.").arg(language);
            }
        }
    }
    if (type == "CreateExtensionStmt") {
        const QString name = fields.value("extname").toString();
        if (context.installedExtensions && !context.installedExtensions->contains(name))
            return QString("the extension %1 is not installed in the sandbox database; LockLab does not install "
                           "extensions.")
                .arg(name);
    }
    if (type == "DropStmt") {
        const QString kind = fields.value("removeType").toString();
        if (kind == "OBJECT_SCHEMA" || kind == "OBJECT_EXTENSION" || kind == "OBJECT_DATABASE")
            return QString("DROP %1 reaches outside the page's tables.").arg(kind.mid(7));
    }
    if ((type == "VacuumStmt" && fields.value("rels").toArray().isEmpty())
        || (type == "ClusterStmt" && !fields.contains("relation")))
        return "without a table it works on every table of the database.";
    if (type == "ReindexStmt" && fields.value("kind").toString() != "REINDEX_OBJECT_TABLE"
        && fields.value("kind").toString() != "REINDEX_OBJECT_INDEX")
        return "REINDEX SCHEMA, DATABASE or SYSTEM works beyond the page's tables.";
    if (fields.contains("tablespacename"))
        return "tablespaces are directories on the server.";
    for (const QString& f : functionNames(node)) {
        if (AnalysisRules::instance().isForbiddenFunction(f))
            return QString("%1() works on the server outside the sandbox.").arg(f);
    }
    QList<QJsonObject> relations;
    collectRelations(node, &relations);
    for (const QJsonObject& r : relations) {
        if (r.contains("catalogname"))
            return QString("%1 names another database.").arg(r.value("catalogname").toString() + "." + relationName(r));
    }
    if (!context.sandbox)
        return {};
    QList<QJsonObject> ctes;
    collect(node, "CommonTableExpr", &ctes);
    QSet<QString> cteNames;
    for (const QJsonObject& c : ctes)
        cteNames.insert(c.value("ctename").toString().toLower());
    for (const QJsonObject& r : relations) {
        const QString schema = r.value("schemaname").toString();
        const QString name = r.value("relname").toString().toLower();
        if (!schema.isEmpty() && schema != context.sandboxSchema)
            return QString("%1 is outside the page's schema.").arg(relationName(r));
        if (schema.isEmpty() && cteNames.contains(name))
            continue;
        if (!context.sandboxTables.contains(name) && !context.createdTables.contains(name))
            return QString("the page did not create a table %1: give its CREATE TABLE in the schema.").arg(name);
    }
    return {};
}

} // namespace locklab
