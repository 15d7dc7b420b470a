package io.nftkeeper.cli.testing;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Validates JUnit XML against the Ant/Jenkins schema ({@code junit.xsd} next to this class) and parses it. */
public final class JunitXml {

    private JunitXml() {}

    /** Throws {@link SAXException} naming line and column of the first violation. */
    public static Document validateAndParse(String xml) throws SAXException, IOException, ParserConfigurationException {
        URL schema = JunitXml.class.getResource("junit.xsd");
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.newSchema(schema).newValidator().validate(new StreamSource(new StringReader(xml)));
        DocumentBuilderFactory builders = DocumentBuilderFactory.newInstance();
        builders.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return builders.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
