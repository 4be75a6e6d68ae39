<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an Atom or RSS feed as a page of the site when it is opened in a browser; feed readers
     ignore it. Each feed names this file in an <?xml-stylesheet?> instruction (our plugin adds it).
     Links are built from the feed's own address, so the page works under a subpath and
     loads nothing from another origin. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

  <!-- This feed's own address, and the site's with its final "/": every feed is under feeds/
       (pelicanconf.py's FEED_* settings), while a role's feed links its role page, not the site. -->
  <xsl:variable name="self" select="(atom:feed/atom:link[@rel='self'] | rss/channel/atom:link[@rel='self'])[1]/@href"/>
  <xsl:variable name="site" select="substring-before($self, 'feeds/')"/>
  <xsl:variable name="title" select="(atom:feed/atom:title | rss/channel/title)[1]"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> (web feed)</title>
        <meta name="robots" content="noindex"/>
        <link rel="stylesheet" href="{$site}theme/css/main.css"/>
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header">
          <a class="site-name" href="{$site}">Back to the site</a>
        </header>
        <main id="main" tabindex="-1">
          <header class="list-header">
            <p class="eyebrow">Web feed</p>
            <h1><xsl:value-of select="$title"/></h1>
            <p class="lede">This is a web feed: subscribe by copying its address into a feed reader.</p>
            <p class="start">Feed address: <code><xsl:value-of select="$self"/></code></p>
          </header>
          <ol class="post-list" reversed="">
            <xsl:apply-templates select="atom:feed/atom:entry | rss/channel/item"/>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li>
      <article class="post-summary">
        <h2><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
        <p class="date-line">
          <time datetime="{atom:published}"><xsl:value-of select="substring(atom:published, 1, 10)"/></time>
        </p>
        <xsl:if test="atom:summary">
          <!-- The summary is HTML written by the site's authors, as on the site's own pages. -->
          <div class="summary"><xsl:value-of select="atom:summary" disable-output-escaping="yes"/></div>
        </xsl:if>
      </article>
    </li>
  </xsl:template>

  <xsl:template match="item">
    <li>
      <article class="post-summary">
        <h2><a href="{link}"><xsl:value-of select="title"/></a></h2>
        <p class="date-line"><xsl:value-of select="substring(pubDate, 1, 16)"/></p>
      </article>
    </li>
  </xsl:template>
</xsl:stylesheet>
