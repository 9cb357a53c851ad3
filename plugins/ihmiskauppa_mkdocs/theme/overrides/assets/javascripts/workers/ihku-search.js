// Material's search worker, with one fix for Finnish and Swedish: Material
// appends "*" to every typed word, and lunr then skips the stemmer for it,
// so a whole word ("jatkuvuus") misses its own stemmed index entry. Here a
// trailing-wildcard term is stemmed first and the wildcard kept.
importScripts(new URL(location.href).searchParams.get("material"));
(function (lunr) {
  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (fn) {
    var pipeline = this.pipeline;
    return query.call(this, function (q) {
      fn.call(q, q);
      q.clauses.forEach(function (c) {
        if (c.usePipeline === false && /^[^*]+[*]$/.test(c.term)) {
          var s = pipeline.runString(c.term.slice(0, -1), { fields: c.fields });
          if (s.length === 1 && s[0]) c.term = s[0] + "*";
        }
      });
    });
  };
})(self.lunr);
