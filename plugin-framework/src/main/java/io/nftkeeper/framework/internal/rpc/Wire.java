package io.nftkeeper.framework.internal.rpc;

import com.google.protobuf.ByteString;
import io.nftkeeper.framework.diag.Diagnostic;
import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.internal.codec.JsonCodec;
import io.nftkeeper.framework.internal.codec.MsgpackCodec;
import io.nftkeeper.framework.internal.codec.TypeJson;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.Block;
import io.nftkeeper.framework.schema.DescriptionKind;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import java.util.ArrayList;
import java.util.List;

/** Translation between the framework's public types and the tfplugin6 messages. */
final class Wire {
    private Wire() {}

    /** msgpack when present (Terraform's usual choice), JSON otherwise; an empty DynamicValue is a null value. */
    static Value decode(Tfplugin6.DynamicValue dynamicValue, Type type) {
        if (!dynamicValue.getMsgpack().isEmpty()) {
            return MsgpackCodec.decode(dynamicValue.getMsgpack().toByteArray(), type);
        }
        if (!dynamicValue.getJson().isEmpty()) {
            return JsonCodec.decode(dynamicValue.getJson().toByteArray(), type);
        }
        return Value.nullOf(type);
    }

    static Tfplugin6.DynamicValue encode(Value value, Type type) {
        return Tfplugin6.DynamicValue.newBuilder()
                .setMsgpack(ByteString.copyFrom(MsgpackCodec.encode(value, type)))
                .build();
    }

    static List<Tfplugin6.Diagnostic> diagnostics(Diagnostics diagnostics) {
        List<Tfplugin6.Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            Tfplugin6.Diagnostic.Builder b = Tfplugin6.Diagnostic.newBuilder()
                    .setSeverity(
                            d.severity() == Diagnostic.Severity.ERROR
                                    ? Tfplugin6.Diagnostic.Severity.ERROR
                                    : Tfplugin6.Diagnostic.Severity.WARNING)
                    .setSummary(d.summary())
                    .setDetail(d.detail());
            if (d.path() != null && !d.path().isEmpty()) {
                b.setAttribute(attributePath(d.path()));
            }
            out.add(b.build());
        }
        return out;
    }

    static Tfplugin6.AttributePath attributePath(Path path) {
        Tfplugin6.AttributePath.Builder b = Tfplugin6.AttributePath.newBuilder();
        for (Path.Step step : path.steps()) {
            Tfplugin6.AttributePath.Step.Builder s = Tfplugin6.AttributePath.Step.newBuilder();
            if (step instanceof Path.AttributeName a) {
                s.setAttributeName(a.name());
            } else if (step instanceof Path.ElementKey k) {
                s.setElementKeyString(k.key());
            } else if (step instanceof Path.ElementIndex i) {
                s.setElementKeyInt(i.index());
            }
            b.addSteps(s);
        }
        return b.build();
    }

    static Tfplugin6.Schema schema(Schema schema) {
        return Tfplugin6.Schema.newBuilder()
                .setVersion(schema.version())
                .setBlock(block(schema))
                .build();
    }

    private static Tfplugin6.Schema.Attribute attribute(Attribute a) {
        Tfplugin6.Schema.Attribute.Builder b = Tfplugin6.Schema.Attribute.newBuilder()
                .setName(a.name())
                .setDescription(a.description())
                .setDescriptionKind(
                        a.descriptionKind() == DescriptionKind.PLAIN
                                ? Tfplugin6.StringKind.PLAIN
                                : Tfplugin6.StringKind.MARKDOWN)
                .setRequired(a.isRequired())
                .setOptional(a.isOptional())
                .setComputed(a.isComputed())
                .setSensitive(a.isSensitive())
                .setWriteOnly(a.isWriteOnly())
                .setDeprecated(a.isDeprecated());
        if (a.isNested()) {
            // exactly one of type and nested_type: Terraform derives the type of a nested attribute itself
            Tfplugin6.Schema.Object.Builder object = Tfplugin6.Schema.Object.newBuilder()
                    .setNesting(
                            switch (a.nesting()) {
                                case SINGLE -> Tfplugin6.Schema.Object.NestingMode.SINGLE;
                                case LIST -> Tfplugin6.Schema.Object.NestingMode.LIST;
                                case SET -> Tfplugin6.Schema.Object.NestingMode.SET;
                                case MAP -> Tfplugin6.Schema.Object.NestingMode.MAP;
                            });
            a.nestedSchema().attributes().forEach(nested -> object.addAttributes(attribute(nested)));
            b.setNestedType(object);
        } else {
            b.setType(ByteString.copyFrom(TypeJson.encode(a.type())));
        }
        return b.build();
    }

    private static Tfplugin6.Schema.Block block(Schema schema) {
        Tfplugin6.Schema.Block.Builder b = Tfplugin6.Schema.Block.newBuilder()
                .setVersion(schema.version())
                .setDescription(schema.description())
                .setDescriptionKind(Tfplugin6.StringKind.MARKDOWN);
        for (Attribute a : schema.attributes()) {
            b.addAttributes(attribute(a));
        }
        for (Block nested : schema.blocks()) {
            b.addBlockTypes(Tfplugin6.Schema.NestedBlock.newBuilder()
                    .setTypeName(nested.name())
                    .setBlock(block(nested.content()).toBuilder()
                            .setDescription(
                                    nested.description().isEmpty()
                                            ? nested.content().description()
                                            : nested.description()))
                    .setNesting(
                            switch (nested.nesting()) {
                                case SINGLE -> Tfplugin6.Schema.NestedBlock.NestingMode.SINGLE;
                                case LIST -> Tfplugin6.Schema.NestedBlock.NestingMode.LIST;
                                case SET -> Tfplugin6.Schema.NestedBlock.NestingMode.SET;
                            })
                    .setMinItems(nested.minItems())
                    .setMaxItems(nested.maxItems()));
        }
        return b.build();
    }
}
